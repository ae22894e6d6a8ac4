/**
 * The subset of Block Kit cloudbell sends. Kept local (not @slack/types) so the renderer stays
 * a pure module that tests and the CLI can load without any Slack package.
 */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}
export type TextObject = PlainText | Mrkdwn;

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
  block_id?: string;
}
export interface SectionBlock {
  type: 'section';
  text?: Mrkdwn;
  fields?: Mrkdwn[];
  block_id?: string;
}
export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
  block_id?: string;
}
export interface ButtonElement {
  type: 'button';
  text: PlainText;
  url?: string;
  value?: string;
  action_id: string;
}
export interface OptionObject {
  text: PlainText;
  value: string;
}
export interface StaticSelectElement {
  type: 'static_select';
  action_id: string;
  placeholder: PlainText;
  options: OptionObject[];
}
export interface ActionsBlock {
  type: 'actions';
  elements: Array<ButtonElement | StaticSelectElement>;
  block_id?: string;
}
export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}
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
