/**
 * The scheduler tick's decision: which slot of a schedule to run now, and which slots were missed. Called every
 * minute (Cloud Scheduler or cron → `backup:scheduled`); pure, so the caller passes the clock reading and the last
 * slot it handled, and persists the outcome.
 */
import { EngineError } from '../../errors';
import { slotsAfter } from './cron-slots';
import type { CronSchedule } from './parse-cron';
import { MINUTE_MS } from './zoned-time';

/** What to do with slots that passed while nothing ran them: run the newest once now, or only record them. */
export type CatchUpPolicy = 'latest' | 'none';

export interface DueSlotsInput {
  schedule: CronSchedule;
  timeZone: string;
  /**
   * The newest slot already handled (run, or recorded as missed). Null for a schedule that never ran: then nothing
   * before `now - grace` counts as missed, so creating a schedule does not fire or report its past.
   */
  lastRunSlot?: Date | null;
  now: Date;
  catchUp: CatchUpPolicy;
  /** A slot is on time while `now < slot + graceMinutes`; 1 means only during the slot's own minute. Default 5. */
  graceMinutes?: number;
  /** At most this many missed slots are listed (the newest); the rest are counted in `missedOmitted`. Default 100. */
  maxMissed?: number;
}

export interface DueSlots {
  /** The slot to run now: the newest unhandled slot ≤ now if on time, or with `catchUp: 'latest'` even if late. */
  due: Date | null;
  /** Unhandled slots ≤ now that will not run (ascending), to be recorded as missed. */
  missed: Date[];
  /** Missed slots older than those listed, when there were more than `maxMissed`. */
  missedOmitted: number;
}

export const DEFAULT_GRACE_MINUTES = 5;
export const DEFAULT_MAX_MISSED = 100;

/**
 * Decides the slot due at `now` and the missed ones since `lastRunSlot`. After acting on the result, the caller's
 * next `lastRunSlot` is the newest of `due` and `missed` (so each slot is handled exactly once); use `slotKey(due)`
 * as the run's idempotency key so two concurrent ticks cannot both start it.
 */
export function dueSlots(input: DueSlotsInput): DueSlots {
  const graceMinutes = input.graceMinutes ?? DEFAULT_GRACE_MINUTES;
  const maxMissed = input.maxMissed ?? DEFAULT_MAX_MISSED;
  assertCount('graceMinutes', graceMinutes, 1);
  assertCount('maxMissed', maxMissed, 0);
  const now = input.now.getTime();
  const graceMs = graceMinutes * MINUTE_MS;
  const last = input.lastRunSlot?.getTime() ?? null;
  // Without history only the on-time window is considered; with it, everything after the last handled slot.
  const after = last ?? now - graceMs;
  if (after >= now) return { due: null, missed: [], missedOmitted: 0 };

  const recent: number[] = [];
  let total = 0;
  for (const slot of slotsAfter(input.schedule, after, input.timeZone)) {
    if (slot > now) break;
    total++;
    recent.push(slot);
    if (recent.length > maxMissed + 1) recent.shift();
  }
  const newest = recent.at(-1);
  if (newest === undefined) return { due: null, missed: [], missedOmitted: 0 };

  const onTime = now < newest + graceMs;
  if (last === null) return { due: onTime ? new Date(newest) : null, missed: [], missedOmitted: 0 };
  const runNewest = onTime || input.catchUp === 'latest';
  const unrun = runNewest ? recent.slice(0, -1) : recent;
  const listed = unrun.slice(Math.max(0, unrun.length - maxMissed));
  return {
    due: runNewest ? new Date(newest) : null,
    missed: listed.map((t) => new Date(t)),
    missedOmitted: total - (runNewest ? 1 : 0) - listed.length,
  };
}

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new EngineError('invalid_argument', `${name} must be an integer ≥ ${min}, got ${value}`, {
      details: { [name]: value },
    });
  }
}

/**
 * The idempotency key of one run of one schedule, e.g. `sched-nightly-20261123T0200Z`: the slot in UTC to the
 * minute, so the same slot yields the same key on every tick and in every zone.
 */
export function slotKey(scheduleId: string, slot: Date): string {
  if (!/^[A-Za-z0-9_-]+$/.test(scheduleId)) {
    throw new EngineError('invalid_argument', `schedule id ${JSON.stringify(scheduleId)} must be [A-Za-z0-9_-]+`, {
      details: { scheduleId },
    });
  }
  const iso = slot.toISOString(); // 2026-11-23T02:00:00.000Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  return `sched-${scheduleId}-${stamp}`;
}
