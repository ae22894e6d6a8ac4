/**
 * Redaction at every decoding layer (issue 9): secrets inside JSON-escaped and stringified
 * JSON, \u escapes and URL-encoding, and the key and token forms that used to pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyLogLine } from '../../src/aws-errors/classify.js';
import { redact } from '../../src/aws-errors/redact.js';
import { ENCODINGS, encodedLine, leaks, SECRET_KINDS, separator, surroundings } from '../helpers/secrets.js';

const on = { emails: true };
const RAW = ['raw', (line: string) => line] as const;
const off = { emails: false };
const p = (...parts: string[]) => parts.join('');

describe('redact — JSON-escaped and \\u-escaped text (issue 9, defect 1)', () => {
  it('hides secrets in a stringified object under the Lambda JSON log format', () => {
    const line =
      '{"timestamp":"2025-11-18T10:01:33.456Z","level":"ERROR","requestId":"3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b","message":"{\\"password\\":\\"hunter2\\",\\"client_secret\\":\\"abcdef123456\\"}"}';
    const out = redact(line, on);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('abcdef123456');
    // Still a JSON log line the classifier reads.
    expect(classifyLogLine(out)).toMatchObject({ type: 'Logged error' });
  });

  it.each([
    ['password\\u003dhunter2 rejected', 'hunter2'],
    ['token=abc\\u0026password\\u003dhunter2', 'hunter2'],
    [`using ${'AKIA'}\\u0049OSFODNN7EXAMPLE`, 'OSFODNN7EXAMPLE'],
    [`${'xox'}\\u0062-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx`, 'AbCdEfGhIjKlMnOpQrStUvWx'],
    ['{\\"password\\":\\"correct horse battery staple\\"}', 'horse'],
    ['double \\\\\\"password\\\\\\":\\\\\\"hunter22\\\\\\"', 'hunter22'],
    ['GET /login?next=%2Fhome%26password%3Dhunter2 302', 'hunter2'],
  ])('hides the secret in %s', (line, secret) => {
    expect(redact(line, on)).not.toContain(secret);
  });
});

describe('redact — key and token forms that passed (issue 9, defect 2)', () => {
  it.each([
    ['DB_PASSWORD=s3cr3tvalue', 's3cr3tvalue'],
    ['PGPASSWORD=s3cr3tvalue psql -h db', 's3cr3tvalue'],
    ['dbPassword=s3cr3tvalue', 's3cr3tvalue'],
    ['MYSQL_PWD=s3cr3tvalue', 's3cr3tvalue'],
    ['api-key: 9a8b7c6d5e4f', '9a8b7c6d5e4f'],
    ['pass=s3cr3tvalue', 's3cr3tvalue'],
    ['password=ab', '=ab'],
    ['password: x1', 'x1'],
    ['{"password":"correct horse battery staple"}', 'horse'],
    ['{"password":"correct horse battery staple"}', 'staple'],
    ['postgres://app:p@ss@db:5432/orders', 'ss@db'],
    [p('token ', 'gl', 'pat-', 'xxxxxxxxxxxxxxxxxxxx'), 'xxxxxxxxxxxxxxxxxxxx'],
    [p('//registry.npmjs.org/:_authToken=', 'np', 'm_', 'a'.repeat(36)), 'a'.repeat(36)],
    [p('OPENAI ', 's', 'k-proj-', 'Ab3_'.repeat(20)), 'Ab3_Ab3_Ab3_'],
    [p('stripe ', 's', 'k_test_', '4eC39HqLyjWDarjtT1zdp7dc'), '4eC39HqLyjWDarjtT1zdp7dc'],
    [
      'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net',
      'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq',
    ],
    [
      'Authorization: SharedAccessSignature sr=acme.servicebus.windows.net&sig=Xy3fQ9a1b2c3d4e5f6g7h8i9%3D&se=1767225600&skn=send',
      'Xy3fQ9a1b2c3d4e5f6g7h8i9',
    ],
    [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF0V3rUBCADJ8zJzS2pFq3ZxW9bQ\n-----END PGP PRIVATE KEY BLOCK-----',
      'lQOYBF0V3rUBCADJ8zJzS2pFq3ZxW9bQ',
    ],
    [
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
    ],
    ['Cookie: session=8f14e45fceea167a; theme=dark', '8f14e45fceea167a'],
    ['Set-Cookie: sid=8f14e45fceea167a; Path=/; HttpOnly', '8f14e45fceea167a'],
    [
      'Authorization: Digest username="svc", realm="api", response="6629fae49393a05397450978507c4ef1"',
      '6629fae49393a05397450978507c4ef1',
    ],
  ])('hides %s', (line, secret) => {
    expect(redact(line, off)).not.toContain(secret);
  });
});

describe('redact — what it leaves alone', () => {
  it.each([
    "TypeError: Cannot read properties of undefined (reading 'id')",
    'Task timed out after 3.00 seconds',
    'passed 3 of 4 checks, bypass=false',
    'max_tokens=1024 reached',
    'Error: connect ECONNREFUSED 10.0.1.17:5432',
    'GET https://api.example.com/v1/orders?page=2&sort=asc 502',
    '{"level":"ERROR","message":"order 42 failed","requestId":"3f0c8f0e-2b6e-4c1e-9d2a-8e0b9f6f1a2b"}',
  ])('keeps %s', (line) => {
    expect(redact(line, on)).toBe(line);
  });
});

describe('redact — property: generated secrets of every kind, in every encoding', () => {
  it.each(SECRET_KINDS.map(([kind, arb]) => [kind, arb] as const))(
    'never lets a %s through',
    (_kind, arb) => {
      fc.assert(
        fc.property(
          surroundings,
          separator,
          arb,
          separator,
          surroundings,
          fc.integer({ min: 0, max: ENCODINGS.length - 1 }),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 0, max: 4 }),
          (before, s1, secret, s2, after, enc, every, offset) => {
            const [encoding, encode] = ENCODINGS[enc] ?? RAW;
            const line = encode(`${before}${s1}${secret.text}${s2}${after}`, every, offset);
            const out = redact(line, off);
            expect(leaks(secret, out), `${encoding}: ${line}\n→ ${out}`).toEqual([]);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it('keeps a JSON log line parseable after redaction', () => {
    fc.assert(
      fc.property(encodedLine, ({ line, encoding }) => {
        if (encoding === 'raw' || !line.startsWith('{')) return;
        expect(() => JSON.parse(redact(line, off))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('redact — corpus', () => {
  it('reports 0 leaks over 5,000 generated lines of every kind and encoding', () => {
    const corpus = fc.sample(encodedLine, { seed: 9, numRuns: 5000 });
    const leaked = corpus
      .map(({ secret, encoding, line }) => ({ encoding, line, found: leaks(secret, redact(line, off)) }))
      .filter((r) => r.found.length > 0);
    const kinds = new Set(corpus.map((c) => c.secret.kind));
    console.info(`redaction corpus: ${corpus.length} lines, ${kinds.size} kinds, ${leaked.length} leaks`);
    expect(kinds.size).toBe(SECRET_KINDS.length);
    expect(leaked.slice(0, 3)).toEqual([]);
  });
});
