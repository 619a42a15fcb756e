/**
 * What a drill records: its eight steps (pass/fail/skipped, timing), the measured metrics and the production-readiness
 * checklist. Stored in `backup_reports` and read back by the health report, so it is a zod schema at that boundary.
 */
import { z } from 'zod';

/** The eight steps, in the order they run (docs/design.md "Verification and drills"). */
export const DRILL_STEPS = ['initialize', 'backup', 'validate', 'restore', 'compare', 'cleanup', 'metrics', 'checklist'] as const;
export type DrillStepName = (typeof DRILL_STEPS)[number];

export const DRILL_STEP_TITLES: Record<DrillStepName, string> = {
  initialize: 'initialize: configuration, bucket, staging target',
  backup: 'create a test backup',
  validate: 'validate its contents',
  restore: 'restore into staging',
  compare: 'compare restored with original',
  cleanup: 'clean up the test data',
  metrics: 'record metrics',
  checklist: 'production-readiness checklist',
};

export const STEP_STATUSES = ['passed', 'failed', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The readiness checks, each ✓/✗ with a hint. */
export const CHECK_IDS = [
  'bucket-reachable',
  'encryption',
  'recent-verified-backup',
  'restore-rehearsed',
  'staging-isolated',
  'alert-webhook',
  'retention',
  'schedules',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

const dbRef = z.object({ projectId: z.string().min(1), databaseId: z.string().min(1) });
const count = z.number().int().nonnegative();

export const drillStepSchema = z.object({
  step: z.enum(DRILL_STEPS),
  status: z.enum(STEP_STATUSES),
  /** What was checked or found (a failure's message); empty for skipped steps. */
  detail: z.string(),
  durationMs: count,
});
export type DrillStep = z.infer<typeof drillStepSchema>;

export const checkItemSchema = z.object({
  id: z.enum(CHECK_IDS),
  label: z.string(),
  ok: z.boolean(),
  /** Why it passed, or what to do about it. */
  hint: z.string(),
});
export type CheckItem = z.infer<typeof checkItemSchema>;

/** Null where the drill stopped before measuring it. */
export const drillMetricsSchema = z.object({
  backupId: z.string().nullable(),
  backupJobId: z.string().nullable(),
  restoreJobId: z.string().nullable(),
  backupDurationMs: count.nullable(),
  /** Recovery time measured by the restore job: start to verified target. */
  rtoMs: count.nullable(),
  documents: count.nullable(),
  bytes: count.nullable(),
  collections: count.nullable(),
});
export type DrillMetrics = z.infer<typeof drillMetricsSchema>;

export const drillReportSchema = z.object({
  drillId: z.string().min(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  ok: z.boolean(),
  failedStep: z.enum(DRILL_STEPS).nullable(),
  source: dbRef,
  staging: dbRef.nullable(),
  steps: z.array(drillStepSchema),
  metrics: drillMetricsSchema,
  checklist: z.array(checkItemSchema),
  /** Every checklist item passed. Advisory: it does not fail the drill unless the caller asks (`--strict`). */
  ready: z.boolean(),
  /** The drill's backup stays in the catalog as a real, verified recovery point; retention prunes it like any other. */
  backupKept: z.boolean(),
});
export type DrillReport = z.infer<typeof drillReportSchema>;

export const EMPTY_METRICS: DrillMetrics = {
  backupId: null,
  backupJobId: null,
  restoreJobId: null,
  backupDurationMs: null,
  rtoMs: null,
  documents: null,
  bytes: null,
  collections: null,
};
