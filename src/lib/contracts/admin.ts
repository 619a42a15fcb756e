/** Schedules, retention, pruning, drills and initialisation requests. */
import { z } from 'zod';

import { assertTimeZone, parseCron, scheduleIdSchema } from '../backup/client-safe';

import { BACKUP_METHODS } from './backup';
import { collectionList } from './common';

function accepts(check: (value: string) => void): (value: string) => boolean {
  return (value) => {
    try {
      check(value);
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * A backup schedule as an admin edits it. The id, cron, time zone and RPO limits are the engine's own
 * (engine/ops/config-schema.ts), so what the API accepts is exactly what `backup_config` stores; the run history
 * (`lastRunSlot`, `missed`) is the scheduler's and cannot be set here.
 */
export const scheduleSchema = z
  .object({
    id: scheduleIdSchema,
    cron: z.string().max(120).refine(accepts(parseCron), { error: 'a 5-field cron expression (minute hour day-of-month month day-of-week) or a macro such as @daily' }),
    timeZone: z.string().max(64).refine(accepts(assertTimeZone), { error: 'an IANA time zone such as Europe/Berlin or UTC' }).default('UTC'),
    method: z.enum(BACKUP_METHODS),
    include: collectionList.default([]),
    exclude: collectionList.default([]),
    rpoTargetHours: z.number().int().min(1).max(24 * 31),
    enabled: z.boolean().default(true),
  })
  .strict();
export type Schedule = z.output<typeof scheduleSchema>;

/** update_schedule: create or replace one schedule. */
export const updateScheduleRequest = z.object({ schedule: scheduleSchema }).strict();
export type UpdateScheduleRequest = z.output<typeof updateScheduleRequest>;

/**
 * GFS retention (engine/retention): 0 turns a daily/weekly/monthly rule off and `maxAgeDays: 0` means no maximum
 * age; `keepLast` is at least 1 so a policy can never prune every backup.
 */
export const retentionPolicySchema = z
  .object({
    keepLast: z.number().int().min(1).max(10_000),
    daily: z.number().int().min(0).max(3_650),
    weekly: z.number().int().min(0).max(520),
    monthly: z.number().int().min(0).max(120),
    maxAgeDays: z.number().int().min(0).max(36_500),
    /** The zone whose calendar days, weeks and months the GFS rules count in. */
    timeZone: z.string().max(64).refine(accepts(assertTimeZone), { error: 'an IANA time zone such as Europe/Berlin or UTC' }).default('UTC'),
  })
  .strict();
export type RetentionPolicyInput = z.output<typeof retentionPolicySchema>;

export const updateRetentionRequest = z.object({ policy: retentionPolicySchema }).strict();
export type UpdateRetentionRequest = z.output<typeof updateRetentionRequest>;

/** cleanup_old: prune by the retention policy; a dry run is the default so deleting is always a deliberate choice. */
export const cleanupOldRequest = z.object({ dryRun: z.boolean().default(true) }).strict();
export type CleanupOldRequest = z.output<typeof cleanupOldRequest>;

/** A root collection name (no path, no pattern). */
export const rootCollectionName = z.string().min(1).max(1_500).regex(/^[^/*\s]+$/, { error: 'a root collection name (no / or *)' }).refine((n) => n !== '.' && n !== '..', { error: 'not . or ..' });

/**
 * run_drill: the 8-step drill (test backup → validate → restore into the configured staging target → compare →
 * clean up → metrics → readiness checklist), as a job; `collections` limits it to named root collections.
 */
export const runDrillRequest = z.object({ collections: z.array(rootCollectionName).max(100).optional() }).strict();
export type RunDrillRequest = z.output<typeof runDrillRequest>;

/** scheduled_tick: what Cloud Scheduler calls every minute; `reportOnly` decides without starting anything. */
export const scheduledTickRequest = z.object({ reportOnly: z.boolean().default(false) }).strict();
export type ScheduledTickRequest = z.output<typeof scheduledTickRequest>;

/** GET drills: the newest drill reports. */
export const drillListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();
export type DrillListQuery = z.output<typeof drillListQuery>;

/** initialize: create the bucket (NEARLINE, lifecycle rules) and the default configuration. */
export const initializeRequest = z.object({ dryRun: z.boolean().default(false) }).strict();
export type InitializeRequest = z.output<typeof initializeRequest>;
