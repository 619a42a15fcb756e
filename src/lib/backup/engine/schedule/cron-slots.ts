/**
 * Evaluating a cron schedule in an IANA time zone: the instants ("slots") at which it fires.
 *
 * Slots are enumerated as local wall times and then mapped to instants, so a schedule means the same local time all
 * year. Across DST changes (rules chosen so that every local slot runs exactly once, never twice):
 * - Spring forward: a slot whose wall time does not exist (02:30 when clocks jump 02:00→03:00) runs once at the first
 *   instant after the gap (03:00 local). Several skipped slots (`*\/15`) collapse into that one run, and a slot that
 *   really is at 03:00 is the same run.
 * - Fall back: a slot whose wall time occurs twice (01:30 when clocks go 02:00→01:00) runs once, at the first
 *   occurrence. The repeated hour therefore has no runs of its own: `0 * * * *` fires at 01:00 EDT, then 02:00 EST.
 */
import { Cron } from 'croner';

import { EngineError } from '../../errors';
import type { CronSchedule } from './parse-cron';
import { DAY_MS, HOUR_MS, MINUTE_MS, assertTimeZone, offsetAt, resolveWallTime, wallMs, wallTimeOf } from './zoned-time';

/** Upper bound of `nextRuns` count and of `slotsBetween` results, so a typo cannot allocate without limit. */
export const MAX_SLOTS = 100_000;

const calendars = new WeakMap<CronSchedule, Cron>();

/**
 * The days a schedule runs on, from croner (a maintained, dependency-free cron library) used as a pure calendar:
 * local days are read as UTC midnights (`utcOffset: 0`), so months, leap days and the day-of-month/day-of-week rule
 * are the library's, while times of day and DST stay here (croner's own DST rule skips a stepped or listed slot in a
 * gap and runs it twice in a repeated hour; ours runs every local slot once). It is fed parseCron's validated values,
 * never the raw text, so the two parsers cannot disagree; `domAndDow` carries the Vixie rule.
 */
function calendarOf(schedule: CronSchedule): Cron {
  let calendar = calendars.get(schedule);
  if (calendar === undefined) {
    const days = [schedule.daysOfMonth, schedule.months, schedule.daysOfWeek].map((values) => values.join(','));
    const domAndDow = schedule.dayOfMonthStar || schedule.dayOfWeekStar;
    calendar = new Cron(`0 0 ${days.join(' ')}`, { utcOffset: 0, mode: '5-part', domAndDow });
    calendars.set(schedule, calendar);
  }
  return calendar;
}

/** The instants of one matching local day's slots, ascending (gap slots may repeat the transition instant). */
function dayInstants(schedule: CronSchedule, dayWall: number, timeZone: string): number[] {
  // Fast path: when the offset is the same a day before and a day after, nothing changes within the day.
  const offset = offsetAt(dayWall - DAY_MS, timeZone);
  const uniform = offset === offsetAt(dayWall + 2 * DAY_MS, timeZone);
  const instants: number[] = [];
  for (const hour of schedule.hours) {
    for (const minute of schedule.minutes) {
      const wall = dayWall + hour * HOUR_MS + minute * MINUTE_MS;
      instants.push(uniform ? wall - offset : resolveWallTime(wall, timeZone).instant);
    }
  }
  return instants;
}

/** Every slot strictly after `afterMs`, ascending and distinct (unending: callers stop when they have enough). */
export function* slotsAfter(schedule: CronSchedule, afterMs: number, timeZone: string): Generator<number> {
  assertTimeZone(timeZone);
  if (!Number.isFinite(afterMs)) throw new EngineError('invalid_argument', 'schedule start is not a valid date');
  const calendar = calendarOf(schedule);
  const start = wallTimeOf(afterMs, timeZone);
  // Start a day early: a slot in a spring-forward gap just before midnight runs after midnight, on the next day.
  const firstDay = wallMs({ year: start.year, month: start.month, day: start.day }) - DAY_MS;
  let last = afterMs;
  for (let day = calendar.nextRun(new Date(firstDay - MINUTE_MS)); day !== null; day = calendar.nextRun(day)) {
    for (const instant of dayInstants(schedule, day.getTime(), timeZone)) {
      if (instant <= last) continue;
      last = instant;
      yield instant;
    }
  }
}

/** The next `count` slots strictly after `after`, ascending. */
export function nextRuns(schedule: CronSchedule, after: Date, count: number, timeZone: string): Date[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_SLOTS) {
    throw new EngineError('invalid_argument', `count must be an integer from 0 to ${MAX_SLOTS}, got ${count}`, {
      details: { count },
    });
  }
  const runs: Date[] = [];
  if (count === 0) return runs;
  for (const instant of slotsAfter(schedule, after.getTime(), timeZone)) {
    runs.push(new Date(instant));
    if (runs.length === count) break;
  }
  return runs;
}

/**
 * Every slot in (from, to], ascending. Throws EngineError `invalid_argument` when there would be more than
 * MAX_SLOTS (every minute for ~70 days), rather than building an unbounded list.
 */
export function slotsBetween(schedule: CronSchedule, from: Date, to: Date, timeZone: string): Date[] {
  const slots: Date[] = [];
  const end = to.getTime();
  if (!(end > from.getTime())) return slots;
  for (const instant of slotsAfter(schedule, from.getTime(), timeZone)) {
    if (instant > end) break;
    if (slots.length === MAX_SLOTS) {
      throw new EngineError('invalid_argument', `more than ${MAX_SLOTS} slots between the two dates`, {
        details: { expression: schedule.expression, from: from.toISOString(), to: to.toISOString() },
      });
    }
    slots.push(new Date(instant));
  }
  return slots;
}
