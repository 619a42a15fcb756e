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
import { EngineError } from '../../errors';
import type { CronSchedule } from './parse-cron';
import { DAY_MS, HOUR_MS, MINUTE_MS, assertTimeZone, offsetAt, resolveWallTime, wallMs, wallTimeOf } from './zoned-time';

/**
 * How far to look for the next matching day. The sparsest valid schedules repeat on 28-year calendar cycles
 * (`0 0 *\/31 2 SUN`: a February 1st that is a Sunday).
 */
const MAX_SEARCH_DAYS = 366 * 28 + 7;

/** Upper bound of `nextRuns` count and of `slotsBetween` results, so a typo cannot allocate without limit. */
export const MAX_SLOTS = 100_000;

/** True when the local calendar day (wall ms of its midnight) is one the schedule runs on. */
function dayMatches(schedule: CronSchedule, dayWall: number): boolean {
  const date = new Date(dayWall);
  if (!schedule.months.includes(date.getUTCMonth() + 1)) return false;
  const domMatch = schedule.daysOfMonth.includes(date.getUTCDate());
  const dowMatch = schedule.daysOfWeek.includes(date.getUTCDay());
  // Vixie cron: if either field starts with '*', both must match; if both are restricted, either may.
  return schedule.dayOfMonthStar || schedule.dayOfWeekStar ? domMatch && dowMatch : domMatch || dowMatch;
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

/** Every slot strictly after `afterMs`, ascending and distinct, until no matching day is found within the bound. */
export function* slotsAfter(schedule: CronSchedule, afterMs: number, timeZone: string): Generator<number> {
  assertTimeZone(timeZone);
  if (!Number.isFinite(afterMs)) throw new EngineError('invalid_argument', 'schedule start is not a valid date');
  const start = wallTimeOf(afterMs, timeZone);
  // Start a day early: a slot in a spring-forward gap just before midnight runs after midnight, on the next day.
  let dayWall = wallMs({ year: start.year, month: start.month, day: start.day }) - DAY_MS;
  let last = afterMs;
  for (let idle = 0; idle < MAX_SEARCH_DAYS; idle++, dayWall += DAY_MS) {
    if (!dayMatches(schedule, dayWall)) continue;
    for (const instant of dayInstants(schedule, dayWall, timeZone)) {
      if (instant <= last) continue;
      last = instant;
      idle = 0;
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
