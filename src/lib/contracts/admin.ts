/** Schedules, retention, pruning, drills and initialisation requests. */
import { z } from 'zod';

import { parseCron } from '../backup/engine/schedule/parse-cron';
import { assertTimeZone } from '../backup/engine/schedule/zoned-time';

import { BACKUP_METHODS } from './backup';
import { collectionList, safeId } from './common';
import { restoreTarget } from './restore';

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

/** A backup schedule as stored in `backup_config`. */
export const scheduleSchema = z
  .object({
    id: safeId,
    cron: z.string().max(120).refine(accepts(parseCron), { error: 'a 5-field cron expression (minute hour day-of-month month day-of-week) or a macro such as @daily' }),
    timeZone: z.string().max(64).refine(accepts(assertTimeZone), { error: 'an IANA time zone such as Europe/Berlin or UTC' }),
    method: z.enum(BACKUP_METHODS),
    include: collectionList.default([]),
    rpoTargetHours: z.number().int().min(1).max(24 * 31),
    enabled: z.boolean(),
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
  })
  .strict();
export type RetentionPolicyInput = z.output<typeof retentionPolicySchema>;

export const updateRetentionRequest = z.object({ policy: retentionPolicySchema }).strict();
export type UpdateRetentionRequest = z.output<typeof updateRetentionRequest>;

/** cleanup_old: prune by the retention policy; a dry run is the default so deleting is always a deliberate choice. */
export const cleanupOldRequest = z.object({ dryRun: z.boolean().default(true) }).strict();
export type CleanupOldRequest = z.output<typeof cleanupOldRequest>;

/** run_drill: restore a backup (default: the newest verified) into an ephemeral target and measure RTO. */
export const runDrillRequest = z
  .object({ backupId: safeId.optional(), target: restoreTarget.optional() })
  .strict()
  .refine((r) => r.target !== 'production', { error: 'a drill never restores into production', path: ['target'] });
export type RunDrillRequest = z.output<typeof runDrillRequest>;

/** initialize: create the bucket (NEARLINE, lifecycle rules) and the default configuration. */
export const initializeRequest = z.object({ dryRun: z.boolean().default(false) }).strict();
export type InitializeRequest = z.output<typeof initializeRequest>;
