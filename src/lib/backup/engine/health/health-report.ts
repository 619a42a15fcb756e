/**
 * The health report's shape: a status with the reasons behind it and the numbers an SRE reads first (age of the
 * newest verified backup against the RPO target, 30-day success rate, durations, size trend, last drill and its RTO).
 * Stored in `backup_reports`, so it is a zod schema at that boundary.
 */
import { z } from 'zod';

import { TERMINAL_JOB_STATES } from '../../job-states';
import { DRILL_STEPS } from '../drill/drill-report';

export const HEALTH_STATUSES = ['healthy', 'warning', 'critical'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const HEALTH_REASON_CODES = [
  'no-verified-backup',
  'rpo-breached',
  'rpo-at-risk',
  'low-success-rate',
  'latest-backup-failed',
  'drill-failed',
  'drill-stale',
  'drill-missing',
  'backups-not-encrypted',
  'audit-unkeyed',
] as const;
export type HealthReasonCode = (typeof HEALTH_REASON_CODES)[number];

/** Policy thresholds (docs/design.md "Scheduling, retention, alerts, health"). */
export const HEALTH_POLICY = {
  windowDays: 30,
  successRateTarget: 0.95,
  /** The newest verified backup is "at risk" past this fraction of the RPO target. */
  rpoWarningFraction: 0.8,
  drillMaxAgeDays: 30,
  trendSize: 10,
} as const;

const count = z.number().int().nonnegative();
const severity = z.enum(['warning', 'critical']);

export const healthReasonSchema = z.object({ code: z.enum(HEALTH_REASON_CODES), severity, message: z.string() });
export type HealthReason = z.infer<typeof healthReasonSchema>;

export const healthReportSchema = z.object({
  generatedAt: z.string(),
  status: z.enum(HEALTH_STATUSES),
  reasons: z.array(healthReasonSchema),
  rpo: z.object({
    targetHours: z.number().positive(),
    /** The newest verified backup; `at` is its snapshot time, the point data would be recovered to. */
    lastSuccess: z.object({ backupId: z.string(), jobId: z.string(), at: z.string(), ageHours: z.number().nonnegative() }).nullable(),
    withinTarget: z.boolean(),
  }),
  /** The newest backup job that ended (succeeded, failed or cancelled). */
  latestAttempt: z
    .object({ jobId: z.string(), backupId: z.string(), state: z.enum(TERMINAL_JOB_STATES), at: z.string(), error: z.string().nullable() })
    .nullable(),
  window: z.object({ days: count, succeeded: count, failed: count, successRate: z.number().min(0).max(1).nullable() }),
  averageDurationMs: count.nullable(),
  sizeTrend: z.object({
    /** Oldest first. */
    points: z.array(z.object({ backupId: z.string(), at: z.string(), bytes: count, documents: count })),
    /** Last point against the first, in percent; null with fewer than two points or a zero start. */
    changePct: z.number().nullable(),
  }),
  lastDrill: z
    .object({ drillId: z.string(), at: z.string(), ok: z.boolean(), failedStep: z.enum(DRILL_STEPS).nullable(), rtoMs: count.nullable(), ageDays: z.number().nonnegative() })
    .nullable(),
  legalHolds: count,
  nextScheduledRun: z.object({ scheduleId: z.string(), at: z.string() }).nullable(),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** A backup schedule as health needs it; the config store (backup_config) supplies these. */
export interface ScheduleInput {
  id: string;
  cron: string;
  /** IANA zone the cron expression is read in; default UTC. */
  timeZone?: string;
  enabled?: boolean;
}
