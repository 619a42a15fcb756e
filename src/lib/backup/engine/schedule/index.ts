/**
 * Backup schedules: five-field cron expressions evaluated in an IANA time zone (DST-safe), the scheduler tick's
 * due/missed decision, idempotency keys for runs, and plain-English previews. Pure: time is always passed in.
 */
export { parseCron, type CronFieldName, type CronSchedule } from './parse-cron';
export { MAX_SLOTS, nextRuns, slotsBetween } from './cron-slots';
export {
  DEFAULT_GRACE_MINUTES,
  DEFAULT_MAX_MISSED,
  dueSlots,
  slotKey,
  type CatchUpPolicy,
  type DueSlots,
  type DueSlotsInput,
} from './due-slots';
export { describeCron } from './describe-cron';
