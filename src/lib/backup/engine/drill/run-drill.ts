/**
 * The 8-step drill (`npm run backup:test`): initialize → test backup → validate contents → restore into staging →
 * compare → clean up → record metrics → readiness checklist. It stops at the first failed step (later steps are
 * `skipped`), but the report is always stored in `backup_reports` and the checklist always produced: a failed drill is
 * exactly when the record and the ✗ hints matter. After a failure in compare, staging keeps the restored data for
 * inspection; the next drill's mirror restore replaces it.
 */
import type { BackupStore, Clock, DocumentDatabases } from '../../ports';
import type { ReportStore } from '../../ports/reports';
import { targetDatabase, type StagingTarget } from '../../restore-target';
import type { IncidentTracker } from '../alerts/incidents';
import type { BackupDREngine, BackupListItem } from '../backup-dr-engine';
import { collectHealth, type HealthDeps } from '../health/collect-health';
import { evaluateAlerts, type AlertEvaluation } from '../health/evaluate-alerts';
import type { ScheduleInput } from '../health/health-report';
import type { Job } from '../jobs/job';
import { applyRetention } from '../retention/apply-retention';
import type { BackupSummary, RetentionPolicy } from '../retention/retention-policy';

import { EMPTY_METRICS, type CheckItem, type DrillMetrics, type DrillReport, type DrillStep, type DrillStepName } from './drill-report';
import { cleanUp, compareRestored, createTestBackup, initialize, restoreToStaging, validateContents, type DrillContext } from './drill-steps';
import { readinessChecklist } from './readiness';

/** The drill's inputs: health's, plus the bucket and databases it probes and compares, each given explicitly. */
export interface DrillDeps extends HealthDeps {
  /** The engine's own use cases: createBackup, createRestore, verifyBackup, listBackups, … */
  engine: BackupDREngine;
  /** Runs a queued job to its end in this process and returns it (the Worker's `runUntilIdle({ onlyId })`). */
  runJob(jobId: string): Promise<Job>;
  reports: ReportStore;
  /** The backup bucket (step 1 probes it; the checklist names it). */
  store: BackupStore;
  /** Opens the source and staging databases for validate and compare. */
  databases: DocumentDatabases;
  /** The configured staging target (`database:<id>` or `project:<p>/<db>`), if any. */
  stagingTarget?: StagingTarget;
  /** Given when an alert webhook is configured: the drill ends by raising or resolving incidents from fresh health. */
  tracker?: IncidentTracker;
}

/** The drill's inputs a runtime wires once (composition.ts); the rest come per run. */
export type DrillPorts = Pick<DrillDeps, 'store' | 'databases' | 'stagingTarget'>;

export interface DrillOptions {
  /** Unique; the stored report's id and part of the probe key and the backup's idempotency key. */
  drillId: string;
  rpoTargetHours: number;
  /** Root collections to drill on; default every root collection but the control collections. */
  include?: string[];
  alertWebhookConfigured: boolean;
  retention: RetentionPolicy | null;
  schedules?: readonly ScheduleInput[];
  /** Called as each step ends (for printing progress). */
  onStep?: (step: DrillStep) => void;
}

export interface DrillOutcome {
  report: DrillReport;
  /** Whether the final report reached the ReportStore. */
  stored: boolean;
  storeError: string | null;
  alerts: AlertEvaluation[];
  alertError: string | null;
}

type StepWork = [DrillStepName, (ctx: DrillContext) => Promise<string>];
const WORK: StepWork[] = [
  ['initialize', initialize],
  ['backup', createTestBackup],
  ['validate', validateContents],
  ['restore', restoreToStaging],
  ['compare', compareRestored],
  ['cleanup', cleanUp],
];

/** Runs the drill; never throws for a failed step (the report says which), only for programming errors. */
export async function runDrill(deps: DrillDeps, opts: DrillOptions): Promise<DrillOutcome> {
  const { engine, clock } = deps;
  const startedAt = clock.now();
  const ctx: DrillContext = {
    engine, store: deps.store, databases: deps.databases, stagingTarget: deps.stagingTarget, runJob: deps.runJob,
    drillId: opts.drillId, include: opts.include ?? [], source: deps.database, staging: null, bucketReachable: null, restoreRehearsed: false,
  };
  const { steps, run, failedStep } = stepRunner(clock, opts.onStep);
  const build = (checklist: CheckItem[]): DrillReport => ({
    drillId: opts.drillId,
    startedAt: startedAt.toISOString(),
    finishedAt: clock.now().toISOString(),
    ok: failedStep() === null,
    failedStep: failedStep(),
    source: ctx.source,
    staging: ctx.staging,
    steps: [...steps],
    metrics: metricsOf(ctx),
    checklist,
    ready: checklist.length > 0 && checklist.every((c) => c.ok),
    backupKept: ctx.backup !== undefined,
  });
  const store = (report: DrillReport) => deps.reports.append({ id: opts.drillId, kind: 'drill', createdAt: report.startedAt, payload: report });

  for (const [name, work] of WORK) await run(name, () => work(ctx));
  await run('metrics', async () => {
    const m = metricsOf(ctx);
    await store(build([]));
    return `RTO ${m.rtoMs} ms, backup ${m.backupDurationMs} ms, ${m.documents} documents, ${m.bytes} bytes recorded in backup_reports`;
  });
  let checklist: CheckItem[] = [];
  await run('checklist', async () => {
    checklist = await checklistFor(ctx, deps, opts);
    return `${checklist.filter((c) => c.ok).length}/${checklist.length} ready`;
  }, true);

  const report = build(checklist);
  const storeError = await store(report).then(() => null, messageOf);
  const alerts = deps.tracker ? await alertsAfter(deps, opts) : { alerts: [], alertError: null };
  return { report, stored: storeError === null, storeError, ...alerts };
}

/** Runs steps in order, timing each; after the first failure the rest are recorded as skipped unless `always`. */
function stepRunner(clock: Clock, onStep: DrillOptions['onStep']) {
  const steps: DrillStep[] = [];
  const failedStep = (): DrillStepName | null => steps.find((s) => s.status === 'failed')?.step ?? null;
  const record = (step: DrillStep): void => {
    steps.push(step);
    onStep?.(step);
  };
  const run = async (name: DrillStepName, fn: () => Promise<string>, always = false): Promise<void> => {
    if (failedStep() !== null && !always) return record({ step: name, status: 'skipped', detail: '', durationMs: 0 });
    const t0 = clock.now().getTime();
    try {
      const detail = await fn();
      record({ step: name, status: 'passed', detail, durationMs: clock.now().getTime() - t0 });
    } catch (err) {
      record({ step: name, status: 'failed', detail: messageOf(err), durationMs: clock.now().getTime() - t0 });
    }
  };
  return { steps, run, failedStep };
}

function metricsOf(ctx: DrillContext): DrillMetrics {
  const b = ctx.backup;
  return {
    ...EMPTY_METRICS,
    backupId: b?.backupId ?? null,
    backupJobId: ctx.backupJobId ?? null,
    restoreJobId: ctx.restoreJob?.id ?? null,
    backupDurationMs: b?.durationMs ?? null,
    rtoMs: ctx.restore?.durationMs ?? null,
    documents: b?.documents ?? null,
    bytes: b?.bytes ?? null,
    collections: ctx.roots?.size ?? null,
  };
}

async function checklistFor(ctx: DrillContext, deps: DrillDeps, opts: DrillOptions): Promise<CheckItem[]> {
  const now = deps.clock.now();
  const catalog = await deps.engine.listBackups({ limit: 1000 });
  const routine = catalog.find((b) => b.result?.verified === true && b.state === 'succeeded' && b.result.trigger !== 'drill' && !b.result.trigger.startsWith('safety:'));
  return readinessChecklist({
    now,
    rpoTargetHours: opts.rpoTargetHours,
    bucketReachable: ctx.bucketReachable,
    bucketUrl: deps.store.url,
    encryptionConfigured: deps.keyWrapper !== undefined,
    newestRoutineBackup: routine?.result ? { backupId: routine.backupId, snapshotTime: routine.result.snapshotTime } : null,
    restoreRehearsed: ctx.restoreRehearsed,
    source: ctx.source,
    staging: ctx.staging ?? stagingOrNull(ctx),
    alertWebhookConfigured: opts.alertWebhookConfigured,
    retention: opts.retention,
    dueForPruning: opts.retention ? dueForPruning(catalog, opts.retention, now) : null,
    schedules: opts.schedules ?? [],
  });
}

/** Staging as configured, when step 1 did not get to resolve it (or refused it). */
function stagingOrNull(ctx: DrillContext): DrillContext['staging'] {
  const t = ctx.stagingTarget;
  return t === undefined ? null : (targetDatabase(t, { source: ctx.source }) ?? null);
}

function dueForPruning(catalog: readonly BackupListItem[], policy: RetentionPolicy, now: Date): number | null {
  const summaries: BackupSummary[] = catalog.map((b) => ({
    backupId: b.backupId,
    createdAt: new Date(b.createdAt),
    status: b.result?.verified ? 'verified' : b.state === 'failed' || b.state === 'cancelled' ? 'failed' : 'unverified',
    legalHold: b.result?.legalHold ? { ...b.result.legalHold, setAt: new Date(b.result.legalHold.setAt) } : null,
    method: b.method,
  }));
  try {
    return applyRetention(summaries, policy, now).filter((d) => d.decision === 'remove').length;
  } catch {
    return null;
  }
}

async function alertsAfter(deps: DrillDeps, opts: DrillOptions): Promise<Pick<DrillOutcome, 'alerts' | 'alertError'>> {
  if (!deps.tracker) return { alerts: [], alertError: null };
  try {
    const health = await collectHealth(deps, { rpoTargetHours: opts.rpoTargetHours, schedules: opts.schedules });
    return { alerts: await evaluateAlerts(health, deps.tracker), alertError: null };
  } catch (err) {
    return { alerts: [], alertError: messageOf(err) };
  }
}

function messageOf(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}
