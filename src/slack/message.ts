/**
 * The Block Kit cloudbell sends, typed by @slack/types (Slack's own published definitions) so
 * a block the API would refuse does not type-check. Type-only imports: the renderer stays a pure
 * module that tests and the CLI load without any Slack package at run time.
 */
import type {
  Button,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
  ActionsBlock as SlackActionsBlock,
  ContextBlock as SlackContextBlock,
  StaticSelect,
} from '@slack/types';

export type { DividerBlock, HeaderBlock, SectionBlock };
export type PlainText = PlainTextElement;
export type Mrkdwn = MrkdwnElement;
export type TextObject = PlainText | Mrkdwn;
export type ButtonElement = Button;
export type OptionObject = PlainTextOption;
export type StaticSelectElement = StaticSelect;
/** Slack's context block holding only text (cloudbell sends no images there). */
export type ContextBlock = Omit<SlackContextBlock, 'elements'> & { elements: TextObject[] };
/** Slack's actions block holding only the elements cloudbell sends: buttons and a menu. */
export type ActionsBlock = Omit<SlackActionsBlock, 'elements'> & {
  elements: Array<ButtonElement | StaticSelectElement>;
};
/** The blocks cloudbell sends (a subset of @slack/types' `KnownBlock`). */
export type Block = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

export interface Attachment {
  color: string;
  blocks: Block[];
  fallback?: string;
}

/** One message as cloudbell would post it; `channel` is an id or a `#name`. */
export interface SlackMessage {
  channel: string;
  text: string;
  blocks: Block[];
  attachments?: Attachment[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}
