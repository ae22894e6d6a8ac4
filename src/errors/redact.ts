/**
 * Redaction of secrets in log lines before anything leaves AWS. Log lines are written by
 * application code and routinely carry credentials by accident; a Slack channel is not the
 * place for them. Each rule replaces the secret with a label saying what was removed.
 */

export interface RedactOptions {
  /** Also hide e-mail addresses (config `errors.redactEmails`, on by default). */
  readonly emails: boolean;
}

type Rule = readonly [RegExp, string | ((...groups: string[]) => string)];

/** Names whose value is a secret, in `name=value`, `name: value` and `"name":"value"` forms. */
const SECRET_NAMES =
  '(?:aws_?)?secret(?:_?access)?(?:_?key)?|secretAccessKey|session_?token|sessionToken|password|passwd|pwd|passphrase|api_?key|apiKey|x-api-key|access_?token|accessToken|refresh_?token|refreshToken|auth_?token|client_?secret|clientSecret|private_?key|signing_?secret|signingSecret|authorization|token';

const RULES: readonly Rule[] = [
  // PEM private keys, also when the newlines are JSON-escaped; a cut-off block is hidden to the end.
  [/-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g, '[REDACTED PRIVATE KEY]'],
  // JWTs: base64url header and payload (both JSON, so "eyJ"), then the signature.
  [/\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]'],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [REDACTED]'],
  [/\b(Basic)\s+[A-Za-z0-9+/]{8,}={0,2}/g, '$1 [REDACTED]'],
  // Slack tokens (bot, user, app-level, config, refresh) and incoming-webhook URLs.
  [/\bxox[abposre]-[A-Za-z0-9-]{8,}/g, '[REDACTED SLACK TOKEN]'],
  [/\bxapp-\d-[A-Za-z0-9-]{8,}/g, '[REDACTED SLACK TOKEN]'],
  [
    /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
    '[REDACTED SLACK WEBHOOK]',
  ],
  // Other well-known token shapes that show up in Lambda logs.
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, '[REDACTED GITHUB TOKEN]'],
  [/\b(?:sk|rk)_live_[A-Za-z0-9]{16,}\b/g, '[REDACTED STRIPE KEY]'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, '[REDACTED GOOGLE KEY]'],
  // Passwords in URLs: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)[^\s@/"'<>]+@/gi, '$1[REDACTED]@'],
  // An access key id followed closely by a 40-character secret (CSV exports, "id secret" pairs).
  [
    /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b([\s,;:="'|]{1,6})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    '[REDACTED AWS KEY ID]$1[REDACTED]',
  ],
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, '[REDACTED AWS KEY ID]'],
  // Values of secret-named keys: JSON, YAML, env, query strings and headers.
  [
    new RegExp(
      `(["']?\\b(?:${SECRET_NAMES})\\b["']?\\s*[:=]\\s*)(["']?)(?!\\[REDACTED)([^\\s"',;&}\\]]{3,})`,
      'gi',
    ),
    (_m: string, head: string, quote: string) => `${head}${quote}[REDACTED]`,
  ],
  // A bare 40-character AWS-secret-shaped value within a few characters after "secret".
  [/(secret[^\n]{0,20}?[\s:="'])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi, '$1[REDACTED]'],
];

const EMAIL: Rule = [
  /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
  '[REDACTED EMAIL]',
];

/**
 * Hides secrets in `text`.
 *
 * @example
 * ```ts
 * redact('connecting to postgres://app:hunter2@db:5432', { emails: true });
 * // 'connecting to postgres://app:[REDACTED]@db:5432'
 * ```
 */
export function redact(text: string, options: RedactOptions): string {
  let out = text;
  for (const [pattern, replacement] of RULES) {
    out =
      typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  if (options.emails) out = out.replace(EMAIL[0], EMAIL[1] as string);
  return out;
}

const SECRET_NAME = new RegExp(`^(?:${SECRET_NAMES})$`, 'i');

/**
 * Whether a field name is one whose value is a secret (`password`, `apiKey`, `token`, …): its
 * value is hidden whatever it looks like.
 *
 * @example
 * ```ts
 * isSecretName('clientSecret'); // true
 * ```
 */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
