/**
 * Redaction throughput on a 100,000-line corpus: real-format Lambda log lines (the fixtures:
 * Node and Python text, JSON log format, other runtimes, noise) with 5% carrying a generated
 * secret of one of every kind, in every encoding (raw, JSON, stringified JSON, JSON-escaped,
 * double-escaped, \u-escaped, URL-encoded). Measured beside classification of the same lines
 * (the step it precedes) and beside what reading those lines costs the query: FilterLogEvents
 * returns at most 1 MB per page, and a page takes at least the query bench's 50 ms.
 * Target: redaction stays a small share of the read (it must not dominate the query).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { classifyLogLine } from '../src/aws-errors/classify.js';
import { redact } from '../src/aws-errors/redact.js';
import { encodedLine, leaks } from '../test/helpers/secrets.js';

export const name = '/aws-errors redaction throughput';

const LINES = 100_000;
const SECRET_SHARE = 0.05;
const PAGE_BYTES = 1024 * 1024;
const PAGE_MS = 50;

function fixtureLines(): string[] {
  const names = ['node-text', 'python-text', 'json-format', 'noise', 'other-runtimes'];
  return names.flatMap((n) =>
    (
      JSON.parse(readFileSync(new URL(`../test/fixtures/logs/${n}.json`, import.meta.url), 'utf8')) as Array<{
        message: string;
      }>
    ).map((e) => e.message),
  );
}

export async function run(): Promise<Record<string, number>> {
  const base = fixtureLines();
  const secretLines = fc.sample(encodedLine, { seed: 2026, numRuns: Math.round(LINES * SECRET_SHARE) });
  const corpus: string[] = [];
  for (let i = 0, s = 0; i < LINES; i += 1) {
    if (i % Math.round(1 / SECRET_SHARE) === 0 && s < secretLines.length)
      corpus.push(secretLines[s++]?.line ?? '');
    else corpus.push(`${base[i % base.length]}`.replace(/\d{3}(?=\D*$)/, String(i % 1000).padStart(3, '0')));
  }
  const bytes = corpus.reduce((a, l) => a + Buffer.byteLength(l), 0);

  // Warm up the regular expressions and the JIT, then measure.
  for (const line of corpus.slice(0, 2000)) redact(line, { emails: true });
  let t = performance.now();
  const redacted = corpus.map((line) => redact(line, { emails: true }));
  const redactMs = performance.now() - t;

  t = performance.now();
  for (const line of redacted) classifyLogLine(line);
  const classifyMs = performance.now() - t;

  let leaked = 0;
  for (const [i, s] of secretLines.entries()) {
    const at = i * Math.round(1 / SECRET_SHARE);
    if (leaks(s.secret, redacted[at] ?? '').length > 0) leaked += 1;
  }
  const readMs = Math.ceil(bytes / PAGE_BYTES) * PAGE_MS;

  // Log lines are attacker-influenced: no rule may go quadratic on a long crafted line (a run of
  // `a.a.a…@` took 11.8 s in the unbounded e-mail pattern). 100,000 characters each.
  const n = 100_000;
  const crafted = [
    `${'a.'.repeat(n / 2)}@x`,
    `${'a'.repeat(n)}@`,
    `http://${'a:'.repeat(n / 2)}@`,
    `${'\\'.repeat(n)}password=1`,
    `${'\\u0061'.repeat(n / 6)}`,
    `password: "${'a'.repeat(n)}`,
    `${'token:'.repeat(n / 6)}`,
    `${'secret '.repeat(n / 7)}`,
    `${`x://${'a'.repeat(200)}:`.repeat(n / 205)}@`,
  ];
  let worstMs = 0;
  for (const line of crafted) {
    const started = performance.now();
    redact(line, { emails: true });
    worstMs = Math.max(worstMs, performance.now() - started);
  }
  return {
    redact_corpus_lines: LINES,
    redact_corpus_mb: bytes / 1024 / 1024,
    redact_corpus_secret_lines: secretLines.length,
    redact_corpus_leaks: leaked,
    redact_ms: redactMs,
    redact_lines_per_s: Math.round(LINES / (redactMs / 1000)),
    redact_mb_per_s: bytes / 1024 / 1024 / (redactMs / 1000),
    redact_classify_baseline_ms: classifyMs,
    redact_over_classify: redactMs / classifyMs,
    redact_read_floor_ms: readMs,
    redact_share_of_read: redactMs / (redactMs + readMs),
    redact_worst_crafted_100k_char_line_ms: worstMs,
  };
}
