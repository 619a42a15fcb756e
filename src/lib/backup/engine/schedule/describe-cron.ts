/**
 * Plain-English previews of cron expressions for the Schedules UI ("every day at 02:00", "at minute 0 past every
 * 6th hour"). Common shapes get a sentence; anything else falls back to a field-by-field description that is still
 * exact. Validation is parseCron's: an invalid expression throws the same EngineError.
 */
import { parseCron } from './parse-cron';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const SINGLE = /^\d+$/;
const SINGLES = /^\d+(,\d+)*$/;
const STAR_STEP = /^\*\/(\d+)$/;

/** A sentence describing when `expression` fires (times are local to the schedule's time zone). */
export function describeCron(expression: string): string {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parseCron(expression).fields;
  const time = describeTime(minute, hour);
  const days = describeDays(dayOfMonth, dayOfWeek);
  const months = month === '*' ? null : `in ${describeNamed(month, MONTHS, 1) ?? `month ${month}`}`;
  if (days === null && months === null) return SINGLE.test(minute) && SINGLES.test(hour) ? `every day ${time}` : time;
  return [time, days, months].filter((part) => part !== null).join(' ');
}

function describeTime(minute: string, hour: string): string {
  const minuteStep = STAR_STEP.exec(minute)?.[1];
  const hourStep = STAR_STEP.exec(hour)?.[1];
  if (hour === '*' && (minute === '*' || minuteStep === '1')) return 'every minute';
  if (hour === '*' && minuteStep !== undefined) return `every ${minuteStep} minutes`;
  if (SINGLE.test(minute) && SINGLES.test(hour)) {
    return `at ${joinAnd(hour.split(',').map((h) => `${pad(h)}:${pad(minute)}`))}`;
  }
  if (SINGLE.test(minute) && hour === '*') return `every hour at minute ${Number(minute)}`;
  if (SINGLE.test(minute) && hourStep !== undefined) {
    return `at minute ${Number(minute)} past every ${ordinal(Number(hourStep))} hour`;
  }
  const minutes = minute === '*' ? 'every minute' : `at minute ${minute}`;
  return hour === '*' ? minutes : `${minutes} past hour ${hour}`;
}

function describeDays(dayOfMonth: string, dayOfWeek: string): string | null {
  const dom = dayOfMonth === '*' ? null : describeDayOfMonth(dayOfMonth);
  const dow = dayOfWeek === '*' ? null : `on ${describeNamed(dayOfWeek, DAYS, 0) ?? `day-of-week ${dayOfWeek}`}`;
  if (dom === null || dow === null) return dom ?? dow;
  // Vixie cron: two restricted day fields mean either; a '*'-led one (a step) means both.
  if (!dayOfMonth.startsWith('*') && !dayOfWeek.startsWith('*')) return `${dom} or ${dow}`;
  return `${dom}, if it is also ${dow.slice('on '.length)}`;
}

function describeDayOfMonth(field: string): string {
  if (SINGLES.test(field)) {
    const days = field.split(',');
    return `on ${days.length === 1 ? 'day' : 'days'} ${joinAnd(days.map((d) => String(Number(d))))} of the month`;
  }
  const step = STAR_STEP.exec(field)?.[1];
  if (step !== undefined) return `on every ${ordinal(Number(step))} day of the month`;
  return `on day-of-month ${field}`;
}

/** Names for a list of values and ranges (`MON-FRI,SUN`); null when the field has steps or wildcards. */
function describeNamed(field: string, names: readonly string[], first: number): string | null {
  const parts: string[] = [];
  for (const item of field.split(',')) {
    const ends = item.split('-').map((end) => nameOf(end, names, first));
    if (ends.some((end) => end === null) || ends.length > 2) return null;
    parts.push(ends.join(' through '));
  }
  return joinAnd(parts);
}

function nameOf(text: string, names: readonly string[], first: number): string | null {
  if (SINGLE.test(text)) return names[(Number(text) - first) % names.length] ?? null;
  return names.find((name) => name.slice(0, 3).toUpperCase() === text.toUpperCase()) ?? null;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function pad(value: string): string {
  return String(Number(value)).padStart(2, '0');
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}
