/**
 * EventBridge schedule expressions (`cron(…)` with six fields, `rate(…)`), checked when the
 * config is loaded so that a bad `errors.digest.schedule` fails with its key and the reason
 * instead of later, inside the deploy, with an internal path. Rules as documented in
 * "Using cron and rate expressions to schedule rules in Amazon EventBridge".
 */

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Wildcards besides `, - * /`. */
  readonly extra: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59, extra: '' },
  { name: 'hours', min: 0, max: 23, extra: '' },
  { name: 'day-of-month', min: 1, max: 31, extra: '?LW' },
  { name: 'month', min: 1, max: 12, names: MONTHS, extra: '' },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, extra: '?L#' },
  { name: 'year', min: 1970, max: 2199, extra: '' },
];

function fieldValue(text: string, field: FieldSpec): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

/** One comma-separated item of a field; returns the problem, if any. */
function checkItem(item: string, field: FieldSpec): string | undefined {
  const range = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}`;
  const bad = `"${item}" is not valid in the ${field.name} field (${range})`;
  if (item === '*') return undefined;
  if (item === '?') return field.extra.includes('?') ? undefined : bad;
  if (item === 'L') return field.extra.includes('L') ? undefined : bad;
  if (field.extra.includes('W') && (item === 'LW' || /^\d+W$/.test(item)))
    return item === 'LW' || fieldValue(item.slice(0, -1), field) !== undefined ? undefined : bad;
  if (field.extra.includes('#') && item.includes('#')) {
    const [day, nth] = item.split('#');
    return fieldValue(day ?? '', field) !== undefined && /^[1-5]$/.test(nth ?? '') ? undefined : bad;
  }
  if (field.extra.includes('L') && field.name === 'day-of-week' && /^\w+L$/.test(item))
    return fieldValue(item.slice(0, -1), field) !== undefined ? undefined : bad;
  const [base, step] = item.split('/');
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return bad;
  if (base === '*') return step !== undefined ? undefined : bad;
  const [from, to] = (base ?? '').split('-');
  if (fieldValue(from ?? '', field) === undefined) return bad;
  if (to !== undefined && fieldValue(to, field) === undefined) return bad;
  return undefined;
}

function checkCron(body: string): string | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    return `cron() needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  for (const [i, text] of fields.entries()) {
    const spec = FIELDS[i] as FieldSpec;
    const items = text.split(',');
    if (spec.name === 'day-of-week' && text.includes('#') && items.length > 1)
      return `"${text}": a day-of-week with # must be a single expression`;
    for (const item of items) {
      const problem = checkItem(item, spec);
      if (problem) return problem;
    }
  }
  const [dom, dow] = [fields[2], fields[4]];
  if ((dom === '?') === (dow === '?'))
    return 'exactly one of day-of-month and day-of-week must be ? (for example cron(0 8 * * ? *))';
  return undefined;
}

function checkRate(body: string): string | undefined {
  const match = /^(\d+)\s+(minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (!match) return 'rate() takes a whole number and a unit: rate(5 minutes), rate(1 hour), rate(2 days)';
  const n = Number(match[1]);
  const unit = match[2] ?? '';
  if (n < 1) return 'rate() needs a value of at least 1';
  if (n === 1 && unit.endsWith('s')) return `use the singular unit for 1: rate(1 ${unit.slice(0, -1)})`;
  if (n > 1 && !unit.endsWith('s')) return `use the plural unit for ${n}: rate(${n} ${unit}s)`;
  return undefined;
}

/**
 * Why `expression` is not an EventBridge schedule expression, or `undefined` when it is one.
 *
 * @example
 * ```ts
 * scheduleProblem('cron(0 8 * * ? *)'); // undefined
 * scheduleProblem('0 8 * * *');         // 'use cron(…) or rate(…), …'
 * ```
 */
export function scheduleProblem(expression: string): string | undefined {
  const match = /^(cron|rate)\((.*)\)$/.exec(expression.trim());
  if (!match)
    return 'use cron(minutes hours day-of-month month day-of-week year) or rate(value unit), such as cron(0 8 * * ? *) or rate(1 day)';
  return match[1] === 'cron' ? checkCron(match[2] ?? '') : checkRate(match[2] ?? '');
}
