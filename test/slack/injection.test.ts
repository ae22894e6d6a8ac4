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
});
