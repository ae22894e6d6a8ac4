import { PatternError } from './error.js';

/**
 * Compiles an EventBridge `wildcard` value to an anchored RegExp. `*` matches any run of
 * characters (including none); `\*` is a literal asterisk and `\\` a literal backslash.
 * As in EventBridge, consecutive `*` and a backslash before any other character are errors.
 *
 * @example
 * ```ts
 * wildcardRegExp('dir/*.png', 'detail.Filename').test('dir/cat.png'); // true
 * ```
 */
export function wildcardRegExp(text: string, path: string, ignoreCase = false): RegExp {
  let source = '';
  let previousStar = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '*') {
      if (previousStar) throw new PatternError(`wildcard "${text}" has consecutive * characters`, path);
      source += '[\\s\\S]*';
      previousStar = true;
      continue;
    }
    previousStar = false;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new PatternError(`wildcard "${text}": a backslash may only escape * or \\`, path);
      }
      source += `\\${next}`;
      i++;
      continue;
    }
    source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u');
}
