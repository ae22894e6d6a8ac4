/** Shared fixture loading and Slack-message reading for the alarm, DLQ and pipeline tests. */
import type { Outcome } from '../../../src/pipeline.js';
import { processInput } from '../../../src/pipeline.js';
import type { Block, SlackMessage } from '../../../src/slack/message.js';
import type { Envelope } from '../../../src/sources/envelope.js';
import { unwrap } from '../../../src/sources/unwrap.js';
import { testConfig } from '../../helpers/alerts.js';
import { fixture } from '../../helpers/fixtures.js';

/** Two minutes after the fixtures' main alarm (14:02:10 UTC). */
export const NOW = new Date('2026-11-26T14:04:00Z');

/** The test config: account alias "prod", and one DLQ listed by name. */
export const config = testConfig({ dlqs: ['payments-failed'] });

export const context = { config, now: NOW };

export { fixture };

/** The first (usually only) envelope of a fixture. */
export function envelopeOf(path: string): Envelope {
  const [envelope] = unwrap(fixture(path));
  if (!envelope) throw new Error(`no envelope in ${path}`);
  return envelope;
}

/** Runs a fixture through the whole pipeline. */
export function run(path: string, options: { config?: typeof config } = {}): Outcome[] {
  return processInput(fixture(path), { config: options.config ?? config, now: NOW });
}

/** The first delivered message of a fixture. */
export function messageOf(path: string): SlackMessage {
  const message = run(path)[0]?.deliveries[0]?.message;
  if (!message) throw new Error(`no message for ${path}`);
  return message;
}

function allBlocks(message: SlackMessage): Block[] {
  return [...message.blocks, ...(message.attachments ?? []).flatMap((a) => a.blocks)];
}

/** What a reader sees: header, summary, field texts, context texts and button URLs. */
export function readMessage(message: SlackMessage) {
  const blocks = allBlocks(message);
  const header = blocks.find((b) => b.type === 'header');
  const sections = blocks.filter((b) => b.type === 'section');
  return {
    text: message.text,
    header: header?.type === 'header' ? header.text.text : undefined,
    summary: sections.find((b) => b.type === 'section' && b.text)?.text?.text,
    fields: sections.flatMap((b) => (b.type === 'section' ? (b.fields ?? []).map((f) => f.text) : [])),
    context: blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e) => e.text) : [])),
    buttons: blocks.flatMap((b) =>
      // Link buttons only: the action buttons (src/slack/action-blocks.ts) have their own tests.
      b.type === 'actions'
        ? b.elements.flatMap((e) => (e.type === 'button' && e.url ? [{ text: e.text.text, url: e.url }] : []))
        : [],
    ),
    color: message.attachments?.[0]?.color,
  };
}
