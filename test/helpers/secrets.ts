/**
 * Generated secrets of every kind /aws-errors must hide, the encodings log lines carry them
 * in, and an independent decoder the tests use to look for a secret in what the redactor
 * returned. Token prefixes are assembled at run time so secret scanners do not flag the repo;
 * every value is random, none is real.
 */
import fc from 'fast-check';

/** One secret as it appears in a line (`text`) and the parts that must never survive (`cores`). */
export interface Secret {
  readonly kind: string;
  readonly text: string;
  readonly cores: readonly string[];
}

const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
const str = (alphabet: string, min: number, max = min) =>
  fc.array(chars(alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));

const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;
const HEX = '0123456789abcdef';
/** Short values are drawn from letters no wrapper, label or surrounding text uses. */
const MARKERS = 'ßøæåñþð';

const p = (...parts: string[]) => parts.join('');

const simple = (kind: string, arb: fc.Arbitrary<[string, string]>): fc.Arbitrary<Secret> =>
  arb.map(([text, core]) => ({ kind, text, cores: [core] }));

/** Key names a secret hides under: prefixes, suffixes, camel/snake/kebab/upper, pwd, pass… */
const secretKeyName = fc
  .tuple(
    fc.constantFrom(
      '',
      'db',
      'DB',
      'pg',
      'mysql',
      'app',
      'smtp',
      'redis',
      'admin',
      'root',
      'x',
      'client',
      'aws',
    ),
    fc.constantFrom(
      'password',
      'passwd',
      'pwd',
      'pass',
      'passphrase',
      'secret',
      'token',
      'credential',
      'credentials',
      'api key',
      'apikey',
      'access token',
      'auth token',
      'private key',
      'secret key',
      'session token',
      'client secret',
    ),
    fc.constantFrom('snake', 'kebab', 'camel', 'upper', 'flat'),
  )
  .map(([prefix, word, style]) => {
    const words = [prefix, ...word.split(' ')].filter((w) => w !== '').map((w) => w.toLowerCase());
    switch (style) {
      case 'snake':
        return words.join('_');
      case 'kebab':
        return words.join('-');
      case 'camel':
        return words.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join('');
      case 'upper':
        return words.join(prefix === 'pg' ? '' : '_').toUpperCase();
      default:
        return words.join('');
    }
  });

const keyValue: fc.Arbitrary<Secret> = fc
  .tuple(
    secretKeyName,
    fc.oneof(
      // Any length: one to three characters.
      str(MARKERS, 1, 3).map((v) => ({ value: v, cores: [v], quoted: false })),
      str(`${ALNUM}!#$*+-./@^_~`, 12, 40)
        .filter((v) => /[A-Za-z0-9]{4}/.test(v))
        .map((v) => ({ value: v, cores: [v], quoted: false })),
      // Quoted values with spaces: every word must go.
      fc
        .array(str(ALNUM, 8, 12), { minLength: 2, maxLength: 5 })
        .map((ws) => ({ value: ws.join(' '), cores: ws, quoted: true })),
    ),
    fc.constantFrom('=', ': ', ':', ' = ', '": "', '":"', "='", '="'),
  )
  .map(([key, { value, cores, quoted }]) => ({ key, value, cores, quoted }))
  .chain(({ key, value, cores, quoted }) =>
    fc
      .constantFrom(
        quoted ? `${key}="${value}"` : `${key}=${value}`,
        quoted ? `${key}: "${value}"` : `${key}: ${value}`,
        `"${key}":"${value}"`,
        `"${key}": "${value}"`,
        `'${key}': '${value}'`,
        quoted ? `${key}='${value}'` : `export ${key}=${value}`,
      )
      .map((text) => ({ kind: 'key=value', text, cores })),
  );

const pemBody = fc.array(str(B64, 64), { minLength: 1, maxLength: 4 });
const privateKey: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.constantFrom(
      'RSA PRIVATE KEY',
      'EC PRIVATE KEY',
      'DSA PRIVATE KEY',
      'PRIVATE KEY',
      'ENCRYPTED PRIVATE KEY',
      'OPENSSH PRIVATE KEY',
      'PGP PRIVATE KEY BLOCK',
    ),
    pemBody,
    fc.boolean(),
  )
  .map(([label, lines, cut]) => {
    const begin = `-----BEGIN ${label}-----`;
    const block = [begin, ...(label.startsWith('PGP') ? ['Version: GnuPG v2', ''] : []), ...lines];
    const text = cut ? block.join('\n') : [...block, `-----END ${label}-----`].join('\n');
    return { kind: 'private key', text, cores: lines };
  });

const authorization: fc.Arbitrary<Secret> = fc.oneof(
  str(`${ALNUM}-._~+/`, 16, 60).chain((t) =>
    fc
      .constantFrom('Bearer', 'Token', 'Negotiate', 'NTLM', 'Custom-Scheme', 'MAC', 'HOBA')
      .map((scheme) => ({ kind: 'authorization', text: `Authorization: ${scheme} ${t}`, cores: [t] })),
  ),
  str(B64, 12, 40).map((t) => ({ kind: 'authorization', text: `authorization: Basic ${t}=`, cores: [t] })),
  str(HEX, 32).map((r) => ({
    kind: 'authorization',
    text: `Authorization: Digest username="svc", realm="api", nonce="dcd98b71", uri="/x", response="${r}"`,
    cores: [r],
  })),
  str(HEX, 64).map((sig) => ({
    kind: 'authorization',
    text: `Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${sig}`,
    cores: [sig],
  })),
  str(ALNUM, 20, 40).map((t) => ({
    kind: 'authorization',
    text: `"headers":{"Proxy-Authorization":"Bearer ${t}"}`,
    cores: [t],
  })),
);

const cookies: fc.Arbitrary<Secret> = fc
  .tuple(str(ALNUM, 16, 40), str(ALNUM, 16, 40))
  .chain(([a, b]) =>
    fc.constantFrom(
      { kind: 'cookie', text: `Cookie: session=${a}; csrftoken=${b}`, cores: [a, b] },
      { kind: 'cookie', text: `Set-Cookie: sid=${a}; Path=/; HttpOnly; Secure`, cores: [a] },
      { kind: 'cookie', text: `"cookie": "session=${a}; theme=dark; remember=${b}"`, cores: [a, b] },
      { kind: 'cookie', text: `set-cookie: __Host-auth=${a}; SameSite=Strict`, cores: [a] },
    ),
  );

const urlUserinfo: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.constantFrom('postgres', 'postgresql', 'mysql', 'mongodb+srv', 'redis', 'amqps', 'https', 'ftp'),
    str(ALNUM, 8, 16),
    str(ALNUM, 6, 12),
  )
  .map(([scheme, a, b]) => ({
    kind: 'url userinfo',
    text: `${scheme}://app:${a}@${b}@db.internal:5432/orders`,
    cores: [`${a}@${b}`, a, b],
  }));

/** Every kind the issue lists, each with its own generator. */
export const SECRET_KINDS: ReadonlyArray<readonly [string, fc.Arbitrary<Secret>]> = [
  [
    'aws access key id',
    simple(
      'aws access key id',
      fc
        .tuple(fc.constantFrom('AKIA', 'ASIA'), str(UPPER_NUM, 16))
        .map(([k, s]) => [k + s, k + s] as [string, string]),
    ),
  ],
  [
    'aws secret access key',
    simple(
      'aws secret access key',
      fc
        .tuple(
          fc.constantFrom('aws_secret_access_key = ', 'AWS_SECRET_ACCESS_KEY=', '"SecretAccessKey":"'),
          str(B64, 40),
        )
        .map(([k, s]) => [k + s + (k.endsWith('"') ? '"' : ''), s] as [string, string]),
    ),
  ],
  [
    'slack token',
    simple(
      'slack token',
      fc
        .tuple(
          fc.constantFrom(
            p('xo', 'xb-'),
            p('xo', 'xp-'),
            p('xo', 'xa-2-'),
            p('xo', 'xe.', 'xo', 'xp-1-'),
            p('xa', 'pp-1-'),
          ),
          str(`${ALNUM}-`, 24, 60),
        )
        .filter(([, s]) => /^[A-Za-z0-9]/.test(s))
        .map(([k, s]) => [k + s, s] as [string, string]),
    ),
  ],
  [
    'slack webhook',
    simple(
      'slack webhook',
      str(ALNUM, 24).map(
        (s) => [p('https://hooks.', 'slack.com/services/T0123ABCD/B0123ABCD/', s), s] as [string, string],
      ),
    ),
  ],
  [
    'github token',
    simple(
      'github token',
      fc.oneof(
        fc
          .tuple(fc.constantFrom('p', 'o', 's', 'u', 'r'), str(ALNUM, 36))
          .map(([k, s]) => [p('gh', k, '_', s), s] as [string, string]),
        fc
          .tuple(str(ALNUM, 22), str(`${ALNUM}_`, 59))
          .map(([a, b]) => [p('github', '_pat_', a, '_', b), a] as [string, string]),
      ),
    ),
  ],
  [
    'gitlab token',
    simple(
      'gitlab token',
      str(`${ALNUM}_-`, 20).map((s) => [p('gl', 'pat-', s), s] as [string, string]),
    ),
  ],
  [
    'npm token',
    simple(
      'npm token',
      str(ALNUM, 36).map((s) => [p('np', 'm_', s), s] as [string, string]),
    ),
  ],
  [
    'openai key',
    simple(
      'openai key',
      fc.oneof(
        str(ALNUM, 48).map((s) => [p('s', 'k-', s), s] as [string, string]),
        str(`${ALNUM}_-`, 40, 120)
          .filter((s) => /^[A-Za-z0-9]/.test(s))
          .map((s) => [p('s', 'k-proj-', s), s] as [string, string]),
      ),
    ),
  ],
  [
    'stripe key',
    simple(
      'stripe key',
      fc
        .tuple(fc.constantFrom('sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'), str(ALNUM, 24, 99))
        .map(([k, s]) => [p(k.slice(0, 1), k.slice(1), s), s] as [string, string]),
    ),
  ],
  [
    'google api key',
    simple(
      'google api key',
      str(`${ALNUM}_-`, 35).map((s) => [p('AI', 'za', s), s] as [string, string]),
    ),
  ],
  [
    'azure',
    fc.oneof(
      str(B64, 86).map((k) => ({
        kind: 'azure',
        text: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${k}==;EndpointSuffix=core.windows.net`,
        cores: [k],
      })),
      str(ALNUM, 30, 44).map((s) => ({
        kind: 'azure',
        text: `https://acme.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&sig=${s}%3D`,
        cores: [s],
      })),
      str(ALNUM, 30, 44).map((s) => ({
        kind: 'azure',
        text: `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${s}=`,
        cores: [s],
      })),
      str(ALNUM, 30, 44).map((s) => ({
        kind: 'azure',
        text: `SharedAccessSignature sr=acme.servicebus.windows.net&sig=${s}%3D&se=1767225600&skn=send`,
        cores: [s],
      })),
    ),
  ],
  [
    'twilio',
    simple(
      'twilio',
      fc.tuple(fc.constantFrom('SK', 'AC'), str(HEX, 32)).map(([k, s]) => [k + s, s] as [string, string]),
    ),
  ],
  [
    'sendgrid',
    simple(
      'sendgrid',
      fc
        .tuple(str(`${ALNUM}_-`, 22), str(`${ALNUM}_-`, 43))
        .map(([a, b]) => [p('S', 'G.', a, '.', b), b] as [string, string]),
    ),
  ],
  [
    'jwt',
    simple(
      'jwt',
      fc
        .tuple(str(B64URL, 10, 40), str(B64URL, 10, 80), str(B64URL, 20, 43))
        .map(([h, pl, sig]) => [`eyJ${h}.eyJ${pl}.${sig}`, pl] as [string, string]),
    ),
  ],
  ['private key', privateKey],
  ['cookie', cookies],
  ['authorization', authorization],
  ['key=value', keyValue],
  ['url userinfo', urlUserinfo],
];

export const anySecret: fc.Arbitrary<Secret> = fc.oneof(...SECRET_KINDS.map(([, arb]) => arb));

/** Text around a secret: arbitrary printable ASCII, set apart by a separator. */
export const surroundings = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,:;()[]{}!?#*/-_'.split('')),
  maxLength: 40,
});
export const separator = fc.constantFrom(' ', '\t', '\n', ' (', ' [', ', ', '; ', ' | ', ' "', " '");

const escapeJson = (text: string) => JSON.stringify(text).slice(1, -1);
const uEscape = (text: string, every: number, offset: number) =>
  [...text]
    .map((c, i) =>
      i % every === offset % every || /[=&<>]/.test(c)
        ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
        : c,
    )
    .join('');

/** The ways a line reaches the worker: as is, inside JSON once or twice, \u-escaped, URL-encoded. */
export const ENCODINGS: ReadonlyArray<
  readonly [string, (line: string, every: number, offset: number) => string]
> = [
  ['raw', (line) => line],
  ['Lambda JSON log', (line) => JSON.stringify({ level: 'ERROR', message: line, requestId: 'r-1' })],
  [
    'stringified JSON inside JSON',
    (line) => JSON.stringify({ level: 'ERROR', message: JSON.stringify({ error: line, code: 7 }) }),
  ],
  ['JSON-escaped in a text line', (line) => `ERROR\tfailed: ${escapeJson(line)}`],
  ['double-escaped', (line) => `ERROR\t${escapeJson(escapeJson(line))}`],
  ['\\u-escaped', (line, every, offset) => `ERROR ${uEscape(line, every, offset)}`],
  ['URL-encoded', (line) => `GET /cb?state=${encodeURIComponent(line)} 500`],
];

const RAW = ['raw', (line: string) => line] as const;

/** Undoes JSON string escapes, \uXXXX and %XX until nothing changes: what a reader could recover. */
export function decodeFully(text: string): string {
  let out = text;
  for (let i = 0; i < 8; i += 1) {
    const next = out
      .replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
      .replace(/\\(["\\/])/g, '$1')
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t')
      .replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
        try {
          return decodeURIComponent(m);
        } catch {
          return m;
        }
      });
    if (next === out) break;
    out = next;
  }
  return out;
}

/** The cores of `secret` still readable in `output`, raw or decoded. */
export function leaks(secret: Secret, output: string): string[] {
  const decoded = decodeFully(output);
  return secret.cores.filter((core) => output.includes(core) || decoded.includes(core));
}

/** One line: surroundings, the secret, surroundings, in one encoding. */
export const encodedLine = fc
  .tuple(
    surroundings,
    separator,
    anySecret,
    separator,
    surroundings,
    fc.integer({ min: 0, max: ENCODINGS.length - 1 }),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 0, max: 4 }),
  )
  .map(([before, sep1, secret, sep2, after, enc, every, offset]) => {
    const [encoding, encode] = ENCODINGS[enc] ?? RAW;
    return { secret, encoding, line: encode(`${before}${sep1}${secret.text}${sep2}${after}`, every, offset) };
  });
