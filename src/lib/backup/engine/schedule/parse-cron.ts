/**
 * A five-field cron parser with Vixie-cron semantics (`man 5 crontab`):
 * `minute hour day-of-month month day-of-week`, each field a comma list of `*`, `N`, `N-M`, `*\/S`, `N-M/S` (and,
 * as an extension most crons accept, `N/S` meaning `N-max/S`); month names JAN-DEC and day names SUN-SAT in any case;
 * day-of-week 0-7 where both 0 and 7 are Sunday; macros @yearly @annually @monthly @weekly @daily @midnight @hourly.
 *
 * Day-of-month and day-of-week combine as in Vixie cron: when both fields are restricted (neither starts with `*`) a day
 * matches if EITHER matches (`0 0 1 * MON` = the 1st and every Monday); when one starts with `*` (including `*\/2`)
 * both must match, which makes the `*` side a no-op unless it has a step.
 *
 * Kept ours, not croner's parser, for the boundary: its errors name neither field nor value ("Invalid value for day:
 * -1" for a day-of-month of 0) and it accepts L, W, #, ?, + and six- or seven-field patterns this contract refuses.
 * croner evaluates the validated values (cron-slots.ts); cronstrue words them (describe-cron.ts).
 */
import { EngineError } from '../../errors';

/** A parsed schedule: the sorted values each field allows. Build with `parseCron`. */
export interface CronSchedule {
  /** The expression as given, trimmed. */
  readonly expression: string;
  /** The five fields after macro expansion, e.g. `['0', '0', '*', '*', '0']` for `@weekly`. */
  readonly fields: readonly [string, string, string, string, string];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0-6, Sunday = 0 (a 7 in the expression is folded into 0). */
  readonly daysOfWeek: readonly number[];
  /** The day-of-month field starts with `*` (see the module comment for why this matters). */
  readonly dayOfMonthStar: boolean;
  /** The day-of-week field starts with `*`. */
  readonly dayOfWeekStar: boolean;
}

/** Names of the five fields, as used in error messages and `details.field`. */
export type CronFieldName = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

interface FieldSpec {
  name: CronFieldName;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  // Month names map to 1-12, so the name list is offset by one.
  { name: 'month', min: 1, max: 12, names: ['', ...MONTH_NAMES] },
  { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Longest day of each month (February counts its leap day), to refuse dates that can never occur. */
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Parses a cron expression. Throws EngineError `invalid_argument` whose message and `details` (`expression`, and
 * `field` / `value` when one field is at fault) name what is wrong.
 */
export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim();
  const fields = expandMacro(trimmed).split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') {
    throw new EngineError(
      'invalid_argument',
      `invalid cron expression ${JSON.stringify(trimmed)}: expected 5 fields (minute hour day-of-month month ` +
        `day-of-week) or a macro such as @daily, found ${fields[0] === '' ? 0 : fields.length}`,
      { details: { expression: trimmed } },
    );
  }
  const five = fields as [string, string, string, string, string];
  const [minutes, hours, daysOfMonth, months, rawDaysOfWeek] = five.map((text, i) =>
    parseField(text, FIELDS[i] as FieldSpec, trimmed),
  ) as [number[], number[], number[], number[], number[]];
  const schedule: CronSchedule = {
    expression: trimmed,
    fields: five,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek: [...new Set(rawDaysOfWeek.map((d) => d % 7))].sort((a, b) => a - b),
    dayOfMonthStar: five[2].startsWith('*'),
    dayOfWeekStar: five[4].startsWith('*'),
  };
  assertCanMatch(schedule);
  return schedule;
}

function expandMacro(text: string): string {
  if (!text.startsWith('@')) return text;
  const expanded = MACROS[text.toLowerCase()];
  if (expanded === undefined) {
    throw new EngineError(
      'invalid_argument',
      `invalid cron expression ${JSON.stringify(text)}: unknown macro (use one of ${Object.keys(MACROS).join(', ')})`,
      { details: { expression: text } },
    );
  }
  return expanded;
}

function fieldError(expression: string, spec: FieldSpec, value: string, problem: string): EngineError {
  return new EngineError(
    'invalid_argument',
    `invalid cron expression ${JSON.stringify(expression)}: ${spec.name} ${JSON.stringify(value)} ${problem}`,
    { details: { expression, field: spec.name, value } },
  );
}

function parseField(text: string, spec: FieldSpec, expression: string): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [rangeText = '', stepText, ...extra] = item.split('/');
    if (extra.length > 0) throw fieldError(expression, spec, item, 'has more than one "/"');
    const step = stepText === undefined ? 1 : parseNumber(stepText, spec, expression, item);
    if (step < 1) throw fieldError(expression, spec, item, 'has a step below 1');
    const [from, to] = parseRange(rangeText, stepText !== undefined, spec, expression);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function parseRange(text: string, stepped: boolean, spec: FieldSpec, expression: string): [number, number] {
  if (text === '*') return [spec.min, spec.max];
  const [fromText = '', toText, ...extra] = text.split('-');
  if (extra.length > 0) throw fieldError(expression, spec, text, 'is not a value or a range');
  const from = parseValue(fromText, spec, expression);
  if (toText === undefined) return [from, stepped ? spec.max : from];
  const to = parseValue(toText, spec, expression);
  if (to < from) throw fieldError(expression, spec, text, 'is a range whose start is after its end');
  return [from, to];
}

function parseValue(text: string, spec: FieldSpec, expression: string): number {
  const byName = text === '' ? -1 : (spec.names?.indexOf(text.toUpperCase()) ?? -1);
  if (byName >= 0) return byName;
  const value = parseNumber(text, spec, expression, text);
  if (value < spec.min || value > spec.max) {
    throw fieldError(expression, spec, text, `is out of range ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseNumber(text: string, spec: FieldSpec, expression: string, shown: string): number {
  if (!/^\d{1,4}$/.test(text)) {
    const expected = spec.names === undefined ? 'a number' : 'a number or a name';
    throw fieldError(expression, spec, shown, `is not ${expected}`);
  }
  return Number(text);
}

/**
 * Refuses schedules that can never fire, such as `0 0 30 2 *`, so that evaluation never searches forever. Only a
 * restricted day-of-month combined with a `*` day-of-week can be impossible; every other combination matches some
 * weekday of some allowed month.
 */
function assertCanMatch(schedule: CronSchedule): void {
  if (schedule.dayOfMonthStar || !schedule.dayOfWeekStar) return;
  const minDay = schedule.daysOfMonth[0] ?? 32;
  if (schedule.months.some((m) => minDay <= (MAX_DAYS_IN_MONTH[m - 1] ?? 0))) return;
  throw new EngineError(
    'invalid_argument',
    `invalid cron expression ${JSON.stringify(schedule.expression)}: day-of-month ${JSON.stringify(schedule.fields[2])} ` +
      `never occurs in month ${JSON.stringify(schedule.fields[3])}`,
    { details: { expression: schedule.expression, field: 'day-of-month', value: schedule.fields[2] } },
  );
}
