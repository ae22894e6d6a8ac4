/**
 * What a secret looks like in text: well-known token formats, private key blocks, URL
 * userinfo, and `name=value` pairs whose name says the value is secret. Applied by
 * `redact.ts` at every decoding layer of a log line; no decoding here.
 */

/** A label replacing a value; never looks like a secret itself. */
export const REDACTED = '[REDACTED]';

type Replacer = (match: string, ...groups: string[]) => string;

/** Token formats, each with a label saying what was removed. Ordered: blocks and URLs first. */
/** `[hint, pattern, replacement]`: the pattern runs only when the cheap hint is in the text. */
const TOKEN_RULES: ReadonlyArray<readonly [RegExp, RegExp, string | Replacer]> = [
  // Private keys of any kind (PKCS#1/#8, EC, DSA, OpenSSH, PGP "…PRIVATE KEY BLOCK", encrypted),
  // also with JSON-escaped newlines; a block cut off by the line limit is hidden to the end.
  [
    /BEGIN/,
    /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*)-----[\s\S]*?(?:-----END \1-----|$)/g,
    '[REDACTED PRIVATE KEY]',
  ],
  [
    /BEGIN/,
    /---- BEGIN SSH2 [A-Z ]*PRIVATE KEY ----[\s\S]*?(?:---- END SSH2 [A-Z ]*PRIVATE KEY ----|$)/g,
    '[REDACTED PRIVATE KEY]',
  ],
  // PuTTY .ppk files.
  [/Private-Lines/, /Private-Lines: \d+[\s\S]*?(?:Private-MAC: [0-9a-f]+|$)/g, '[REDACTED PRIVATE KEY]'],
  // Slack incoming webhooks and workflow triggers: the path is the credential.
  [
    /hooks\.slack/,
    /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
    '[REDACTED SLACK WEBHOOK]',
  ],
  // JWTs: base64url JSON header ("eyJ"), payload and signature.
  [/eyJ/, /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]'],
  // Slack bot/user/app/config/refresh tokens (xoxb-, xoxp-, xoxa-2-, xoxe.xoxp-1-, xapp-1-).
  [
    /xox|xapp/,
    /xox[a-z](?:\.xox[a-z])?-[A-Za-z0-9-]{6,}|xapp-\d-[A-Za-z0-9-]{8,}/g,
    '[REDACTED SLACK TOKEN]',
  ],
  [
    /gh[pousr]_|github_pat_/,
    /gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}/g,
    '[REDACTED GITHUB TOKEN]',
  ],
  [
    /gl[a-z]{1,5}-/,
    /gl(?:pat|ptt|dt|rt|cbt|imt|ft|soat|agent|oas)-[A-Za-z0-9_-]{20,}/g,
    '[REDACTED GITLAB TOKEN]',
  ],
  [/npm_/, /npm_[A-Za-z0-9]{30,}/g, '[REDACTED NPM TOKEN]'],
  // OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-) and Anthropic (sk-ant-) keys.
  [/sk-/, /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{20,}/g, '[REDACTED API KEY]'],
  [
    /k_(?:live|test)_|whsec_/,
    /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,}/g,
    '[REDACTED STRIPE KEY]',
  ],
  [
    /AIza|ya29\.|GOCSPX-/,
    /AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{20,}|GOCSPX-[0-9A-Za-z_-]{20,}/g,
    '[REDACTED GOOGLE KEY]',
  ],
  // Twilio API key (SK…) and account (AC…) SIDs: 32 hex digits.
  [
    /(?:SK|AC)[0-9a-fA-F]{32}/,
    /(?<![A-Za-z0-9])(?:SK|AC)[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
    '[REDACTED TWILIO SID]',
  ],
  [/SG\./, /SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, '[REDACTED SENDGRID KEY]'],
  // URL userinfo: everything between "//" and the last "@" before the host, so an "@" in the
  // password does not leave its tail behind.
  [
    /:\/\/[^\s/]*@/,
    /\b([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s/?#"'<>@:]{0,256}):[^\s/?#"'<>]{0,512}@(?=[^\s/?#"'<>@]{0,256}(?:[/?#\s"'<>,;)\]}]|$))/gi,
    (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`,
  ],
  // A token-looking user alone (https://<token>@github.com).
  [/:\/\/[^\s/]*@/, /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[A-Za-z0-9_.~-]{20,512}@/gi, `$1${REDACTED}@`],
  // An AWS access key id followed closely by its 40-character secret (CSV exports, "id secret").
  [
    /A[KSBC][IC]A/,
    /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])([\s,;:="'|]{1,6})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    `[REDACTED AWS KEY ID]$1${REDACTED}`,
  ],
  [/A[KSBC][IC]A/, /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g, '[REDACTED AWS KEY ID]'],
  // Credentials after an HTTP auth scheme, wherever the header name was lost.
  [
    /Bearer|Basic|Digest|Negotiate|NTLM/,
    /\b(Bearer|Basic|Digest|Negotiate|NTLM)\s+[A-Za-z0-9._~+/=-]{8,}/g,
    `$1 ${REDACTED}`,
  ],
  [/[Bb][Ee][Aa][Rr][Ee][Rr]/, /\b(bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
];

/**
 * A superset of the rules' hints as plain literals, which the regex engine scans far faster
 * than the hints' own classes (356 ms → 31 ms per 100k lines here). Userinfo needs an `@` and
 * bearer in any case a name word: `mayHoldSecret` checks both. A test keeps it a superset.
 */
const ANY_TOKEN_HINT =
  /BEGIN|Private-Lines|hooks\.slack|eyJ|xox|xapp|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|glptt-|gldt-|glrt-|glcbt-|glimt-|glft-|glsoat-|glagent-|gloas-|npm_|sk-|k_live_|k_test_|whsec_|AIza|ya29\.|GOCSPX-|SG\.|AKIA|ASIA|ABIA|ACCA|Bearer|Basic|Digest|Negotiate|NTLM/;
const TWILIO_HINT = /(?:SK|AC)[0-9a-fA-F]{32}/;
/** Any secret name word, loosely: without one, no `name=value` pair can be secret. */
const SECRET_NAME_HINT =
  /pass|pwd|pw|secret|token|cred|(?:api|access|private|account|secret)[^a-z]?key|auth|cookie|session|signature|sig|sas|jwt|bearer|otp|pin/i;

/** Escapes that can hide a rule's hint: decoding them could reveal one. */
const HIDING_ESCAPE = /\\[ux]|%[0-9A-Fa-f]{2}/;

/**
 * False only when no rule could match `text` at any decoding layer: no token hint, no secret
 * name word, no `@` (userinfo, e-mail) and no `\u`, `\x` or `%XX` escape that could hide one.
 * Most log lines hold no secret; this lets them through with three scans.
 *
 * @example
 * ```ts
 * mayHoldSecret('Task timed out after 3.00 seconds'); // false
 * ```
 */
export function mayHoldSecret(text: string): boolean {
  return (
    ANY_TOKEN_HINT.test(text) ||
    SECRET_NAME_HINT.test(text) ||
    text.includes('@') ||
    HIDING_ESCAPE.test(text) ||
    TWILIO_HINT.test(text)
  );
}

/** A 40-character AWS-secret-shaped value within a few characters after "secret". */
const NEAR_SECRET = /(secret[^\n]{0,20}?[\s:="'])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi;

/** Name parts that make a value secret wherever they appear in the name. */
const SECRET_WORDS =
  /password|passwd|passphrase|passcode|pwd|secret|token|credential|apikey|accesskey|privatekey|accountkey|sharedaccesssignature|authorization|cookie|sessionid|signature/;
/** Short words that only count as a whole part of the name (`pass`, but not `bypass`). */
const SECRET_PARTS = new Set([
  'pass',
  'pw',
  'sig',
  'auth',
  'sas',
  'jwt',
  'bearer',
  'cred',
  'creds',
  'otp',
  'pin',
]);
/** Names with a secret word that are counts or settings, not secrets. */
const NOT_SECRET =
  /(?:max|num|input|output|total|prompt|completion|cached)tokens?$|tokens?(?:count|used|limit|type|izer|ization)$|^(?:next|continuation|pagination|page|sync)token$|tokenendpoint$|tokenurl$|^(?:has|is|no|use|with|without|missing|invalid|expired|valid|reset|change|update|forgot)(?:password|secret|token)s?$|passwordpolicy$|keyname$|password(?:length|changed|expired|reset)$/;

/** Names whose value runs to the end of the line: HTTP credentials headers, any scheme. */
const WHOLE_LINE = /(?:authorization|cookie)$/;

/**
 * Whether a key name (any case, snake, kebab, camel, dotted, upper) names a secret.
 *
 * @example
 * ```ts
 * isSecretName('PGPASSWORD'); // true
 * isSecretName('bypass'); // false
 * ```
 */
export function isSecretName(name: string): boolean {
  const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (flat === '' || NOT_SECRET.test(flat)) return false;
  if (SECRET_WORDS.test(flat)) return true;
  // DBPASS, smtppass, SMTP_PASS: "pass" ending the name, except words that merely end in it.
  if (
    /pass$/.test(flat) &&
    !/(?:by|com|sur|over|under|tres|multi|single|first|second|boarding)pass$/.test(flat)
  )
    return true;
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return parts.some((part) => SECRET_PARTS.has(part));
}

/** `name` then `=`, `:` or `=>`, the name optionally quoted (also with escaped quotes). */
const KEY_SEP =
  /(?<![A-Za-z0-9_.$-])(\\*["']?)((?:api|access|secret|private|account|auth) key|[A-Za-z_$][A-Za-z0-9_.$-]*)(\\*["']?)[ \t]*(=>|[:=])[ \t]*/gi;
const CONSOLE_URL =
  /^["']?https:\/\/(?:[a-z0-9-]+\.)?console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/[^\s@]*$/;
const IS_LABEL = /^\[REDACTED[A-Z ]*\]$/;

/** Where a value that starts at `from` ends, and whether it was quoted. */
function valueEnd(text: string, from: number, wholeLine: boolean): number {
  const quote = /^(\\*)(["'])/.exec(text.slice(from, from + 16));
  if (quote) {
    const open = quote[0];
    const start = from + open.length;
    if (open.length === 1) {
      // A plain quote: the next one not escaped by a backslash.
      for (let i = start; i < text.length; i += 1) {
        const c = text[i];
        if (c === '\\') i += 1;
        else if (c === open) return i + 1;
      }
      return text.length;
    }
    const close = text.indexOf(open, start);
    return close < 0 ? text.length : close + open.length;
  }
  if (wholeLine) {
    const nl = text.slice(from).search(/\n|\\n|\\r/);
    return nl < 0 ? text.length : from + nl;
  }
  const m = /^(?:\[REDACTED[A-Z ]*\]|[^\s,;&}\])"'<>\\]|\\(?!["'nrtu\\]))+/.exec(text.slice(from));
  return from + (m ? m[0].length : 0);
}

/** Replaces the values of secret-named keys, keeping the quotes around them. */
function redactKeyValues(text: string): string {
  let out = '';
  let last = 0;
  KEY_SEP.lastIndex = 0;
  for (let m = KEY_SEP.exec(text); m; m = KEY_SEP.exec(text)) {
    const name = m[2] ?? '';
    const from = m.index + m[0].length;
    if (from < last || !SECRET_NAME_HINT.test(name) || !isSecretName(name)) continue;
    const flat = name.toLowerCase().replace(/[^a-z]/g, '');
    const end = valueEnd(text, from, WHOLE_LINE.test(flat));
    if (end <= from) continue;
    const raw = text.slice(from, end);
    // A link to the AWS console carries no credential (cloudbell's own `name: <console link>`).
    if (CONSOLE_URL.test(raw)) continue;
    const quote = /^(\\*["'])/.exec(raw)?.[1] ?? '';
    const inner =
      quote && raw.endsWith(quote) && raw.length >= 2 * quote.length
        ? raw.slice(quote.length, -quote.length)
        : raw.slice(quote.length);
    if (inner === '' || IS_LABEL.test(inner)) {
      KEY_SEP.lastIndex = Math.max(end, KEY_SEP.lastIndex);
      continue;
    }
    const closing = quote && raw.endsWith(quote) && raw.length >= 2 * quote.length ? quote : '';
    out += `${text.slice(last, from)}${quote}${REDACTED}${closing}`;
    last = end;
    KEY_SEP.lastIndex = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Bounded (RFC 5321: local part ≤ 64, labels ≤ 63) so a long run of `a.a.a…` cannot make it quadratic. */
const EMAIL = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g;

/**
 * One pass of every rule over `text`, without decoding anything.
 *
 * @example
 * ```ts
 * applySecretRules('DB_PASSWORD=hunter2', false); // 'DB_PASSWORD=[REDACTED]'
 * ```
 */
export function applySecretRules(text: string, emails: boolean): string {
  let out = text;
  // Most log lines hold no secret: one scan for any rule's hint skips them all.
  if (ANY_TOKEN_HINT.test(out) || out.includes('@') || TWILIO_HINT.test(out) || /bearer/i.test(out)) {
    for (const [hint, pattern, replacement] of TOKEN_RULES) {
      if (!hint.test(out)) continue;
      pattern.lastIndex = 0;
      out =
        typeof replacement === 'string'
          ? out.replace(pattern, replacement)
          : out.replace(pattern, replacement);
    }
  }
  if (SECRET_NAME_HINT.test(out)) {
    out = redactKeyValues(out);
    if (/secret/i.test(out)) out = out.replace(NEAR_SECRET, `$1${REDACTED}`);
  }
  if (emails && out.includes('@')) out = out.replace(EMAIL, '[REDACTED EMAIL]');
  return out;
}
