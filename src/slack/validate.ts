/**
 * Checks a message against Slack's limits. The renderer's budgets should make this always
 * pass; the notify path uses it as a last guard (falling back to a minimal message) and the
 * property tests use it as the oracle.
 */
import { isWellFormed } from '../alerts/well-formed.js';
import { SlackLimits } from './limits.js';
import type { Block, SlackMessage, TextObject } from './message.js';

function textOf(t: TextObject | undefined): string {
  return t?.text ?? '';
}

function blockProblems(block: Block, where: string): { problems: string[]; chars: number } {
  const problems: string[] = [];
  let chars = 0;
  if (block.block_id !== undefined && block.block_id.length > SlackLimits.blockId)
    problems.push(`${where}: block_id too long`);
  switch (block.type) {
    case 'header':
      chars += block.text.text.length;
      if (block.text.text.length > SlackLimits.headerText)
        problems.push(`${where}: header over ${SlackLimits.headerText}`);
      if (block.text.text.length === 0) problems.push(`${where}: empty header`);
      break;
    case 'section': {
      const text = textOf(block.text);
      chars += text.length;
      if (text.length > SlackLimits.sectionText)
        problems.push(`${where}: section text over ${SlackLimits.sectionText}`);
      const fields = block.fields ?? [];
      if (fields.length > SlackLimits.fieldsPerSection)
        problems.push(`${where}: more than ${SlackLimits.fieldsPerSection} fields`);
      for (const f of fields) {
        chars += f.text.length;
        if (f.text.length > SlackLimits.fieldText)
          problems.push(`${where}: field over ${SlackLimits.fieldText}`);
      }
      if (!block.text && fields.length === 0) problems.push(`${where}: section without text or fields`);
      if (block.text && text.length === 0) problems.push(`${where}: empty section text`);
      break;
    }
    case 'context':
      if (block.elements.length > SlackLimits.contextElements)
        problems.push(`${where}: more than ${SlackLimits.contextElements} context elements`);
      if (block.elements.length === 0) problems.push(`${where}: empty context`);
      for (const e of block.elements) {
        chars += e.text.length;
        if (e.text.length > SlackLimits.sectionText)
          problems.push(`${where}: context element over ${SlackLimits.sectionText}`);
      }
      break;
    case 'actions':
      if (block.elements.length > SlackLimits.actionsElements)
        problems.push(`${where}: more than ${SlackLimits.actionsElements} actions`);
      for (const b of block.elements) {
        if (b.type === 'static_select') {
          const options = b.options ?? [];
          chars += b.placeholder?.text.length ?? 0;
          if (options.length === 0 || options.length > 100)
            problems.push(`${where}: select needs 1–100 options`);
          for (const o of options)
            if ((o.value ?? '').length > 150 || o.text.text.length > 75)
              problems.push(`${where}: select option too long`);
          continue;
        }
        chars += b.text.text.length;
        if (b.text.text.length > SlackLimits.buttonText)
          problems.push(`${where}: button text over ${SlackLimits.buttonText}`);
        if (b.url !== undefined && b.url.length > SlackLimits.url)
          problems.push(`${where}: button url over ${SlackLimits.url}`);
        if (b.value !== undefined && b.value.length > SlackLimits.buttonValue)
          problems.push(`${where}: button value too long`);
      }
      break;
    case 'divider':
      break;
  }
  return { problems, chars };
}

/**
 * Lists every Slack limit a message breaks; an empty list means it can be posted.
 *
 * @example
 * ```ts
 * const problems = messageProblems(message);
 * if (problems.length > 0) message = renderMinimal(alert, options);
 * ```
 */
export function messageProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (message.text.length === 0) problems.push('text: empty fallback');
  if (message.text.length > SlackLimits.messageText) problems.push('text: over 40,000 characters');
  const all: Array<[Block, string]> = [
    ...message.blocks.map((b, i): [Block, string] => [b, `blocks[${i}]`]),
    ...(message.attachments ?? []).flatMap((a, j) =>
      a.blocks.map((b, i): [Block, string] => [b, `attachments[${j}].blocks[${i}]`]),
    ),
  ];
  if (all.length > SlackLimits.blocksPerMessage)
    problems.push(`more than ${SlackLimits.blocksPerMessage} blocks`);
  let total = 0;
  for (const [block, where] of all) {
    const r = blockProblems(block, where);
    problems.push(...r.problems);
    total += r.chars;
  }
  if (total > SlackLimits.totalBlockText)
    problems.push(`block text ${total} over ${SlackLimits.totalBlockText}`);
  // Slack reads UTF-8: a lone surrogate would arrive as U+FFFD, or the request be refused.
  let lone = false;
  JSON.stringify(message, (_key, value: unknown) => {
    if (typeof value === 'string' && !isWellFormed(value)) lone = true;
    return value;
  });
  if (lone) problems.push('text: a lone UTF-16 surrogate');
  return problems;
}
