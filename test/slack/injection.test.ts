import { describe, expect, it } from 'vitest';
import { processInput } from '../../src/pipeline.js';
import { testConfig } from '../helpers/alerts.js';
import { injectEachString, jsonFiles } from '../helpers/fixtures.js';

const PAYLOAD = ' <!channel> <@U0EVIL> <https://evil.example|aws.amazon.com>';
const FORBIDDEN = /<!channel>|<@U0EVIL>|<https:\/\/evil\.example/;
const config = testConfig();
const now = new Date('2026-11-26T15:00:00Z');

const files = jsonFiles('samples', 'test/fixtures');

describe('injection', () => {
  it('has fixtures to inject into', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('escapes mentions and disguised links in every string field of %s', (_name, event) => {
    const variants = injectEachString(event, PAYLOAD);
    for (const variant of variants) {
      const outcomes = processInput(variant, { config, now });
      for (const outcome of outcomes) {
        for (const { message } of outcome.deliveries) {
          const json = JSON.stringify(message);
          if (FORBIDDEN.test(json)) {
            throw new Error(
              `unescaped payload reached Slack: ${json.match(new RegExp(`.{0,80}${FORBIDDEN.source}.{0,20}`))?.[0]}`,
            );
          }
        }
      }
    }
  });

  /** `leaf` nested `depth` arrays deep, built from text as JSON.parse would (any depth). */
  const nested = (depth: number, leaf: unknown): unknown =>
    JSON.parse(`${'['.repeat(depth)}${JSON.stringify(leaf)}${']'.repeat(depth)}`);
  const hostileKeys = (depth: number) =>
    JSON.parse(
      `{${JSON.stringify(PAYLOAD)}:${JSON.stringify(PAYLOAD)},"__proto__":{${JSON.stringify(PAYLOAD)}:1},` +
        `"toString":${JSON.stringify(PAYLOAD)},"deep":${JSON.stringify(nested(Math.min(depth, 3), PAYLOAD))},` +
        `"deeper":${'['.repeat(depth)}${JSON.stringify(PAYLOAD)}${']'.repeat(depth)}}`,
    ) as Record<string, unknown>;

  it.each(files)('escapes mentions in keys and deep values added to %s', (_name, event) => {
    const variants: unknown[] = [];
    for (const depth of [3, 5_000]) {
      const hostile = hostileKeys(depth);
      variants.push({ ...hostile, event });
      variants.push([PAYLOAD, nested(depth, PAYLOAD), event]);
      if (event !== null && typeof event === 'object' && !Array.isArray(event)) {
        const e = event as Record<string, unknown>;
        const detail = e.detail !== null && typeof e.detail === 'object' ? e.detail : {};
        variants.push({ ...e, detail: { ...hostile, ...detail } });
        variants.push({ ...e, resources: [PAYLOAD, nested(depth, PAYLOAD), hostile] });
        variants.push({
          Records: [
            {
              messageId: `m-${depth}`,
              eventSource: 'aws:sqs',
              // As text: JSON.stringify cannot write the deep part (that is the point).
              body: `{"deeper":${'['.repeat(depth)}${JSON.stringify(PAYLOAD)}${']'.repeat(depth)},"event":${JSON.stringify(event)},"rest":${JSON.stringify({ ...hostile, deeper: null })}}`,
            },
          ],
        });
      }
    }
    for (const variant of variants) {
      for (const outcome of processInput(variant, { config, now })) {
        expect(outcome.deliveries.length + (outcome.ignored ? 1 : 0)).toBeGreaterThan(0);
        for (const { message } of outcome.deliveries) {
          const json = JSON.stringify(message);
          if (FORBIDDEN.test(json)) {
            throw new Error(
              `unescaped payload reached Slack: ${json.match(new RegExp(`.{0,80}${FORBIDDEN.source}.{0,20}`))?.[0]}`,
            );
          }
        }
      }
    }
  });
});
