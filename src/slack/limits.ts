/** Slack's documented Block Kit and chat.postMessage limits (REFERENCE.md). */
export const SlackLimits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  blockId: 255,
  /** Slack truncates the top-level `text` past 40,000 characters. */
  messageText: 40_000,
  /** Around 13k characters of block text fails with `msg_blocks_too_long`: stay well under. */
  totalBlockText: 12_000,
} as const;
