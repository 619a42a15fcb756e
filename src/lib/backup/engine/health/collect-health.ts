/**
 * The I/O around `assessHealth`: reads the catalog and the last drill, assesses, stores the report in
 * `backup_reports` and (when a tracker is given) raises or resolves incidents.
 */
import type { Clock, DatabaseRef, KeyWrapper } from '../../ports';
import type { ReportStore } from '../../ports/reports';
import type { IncidentTracker } from '../alerts/incidents';
import type { BackupDREngine, BackupListItem } from '../backup-dr-engine';

import { assessHealth } from './assess-health';
import { evaluateAlerts, type AlertEvaluation } from './evaluate-alerts';
import { HEALTH_POLICY, type HealthReport, type ScheduleInput } from './health-report';

const DAY_MS = 86_400_000;
const PAGE = 500;
/** Bounds the catalog read: 10 000 backup jobs in 30 days is one every ~4 minutes. */
const MAX_PAGES = 20;

/** Health's inputs, explicit: the catalog (through the engine's listBackups), the reports, and what was configured. */
export interface HealthDeps {
  engine: Pick<BackupDREngine, 'listBackups'>;
  reports: ReportStore;
  clock: Clock;
  /** The production database the backups are of. */
  database: DatabaseRef;
  /** Set when backups are encrypted; only its presence matters here. */
  keyWrapper?: KeyWrapper;
}

export interface HealthOptions {
  /** The RPO target; the config store's schedules may set it, else config.rpoTargetHours. */
  rpoTargetHours: number;
  schedules?: readonly ScheduleInput[];
  /** Whether the audit trail is keyed; false adds the `audit-unkeyed` attention item. */
  auditKeyed?: boolean;
}

/** Reads what health needs and assesses it (writes nothing). */
export async function collectHealth(deps: HealthDeps, opts: HealthOptions): Promise<HealthReport> {
  const now = deps.clock.now();
  const [recent, verified, lastDrill] = await Promise.all([
    recentBackups(deps.engine, now.getTime() - HEALTH_POLICY.windowDays * DAY_MS),
    // Older verified backups count for the newest-verified age and legal holds when nothing recent exists.
    deps.engine.listBackups({ states: ['succeeded'], limit: 1000 }),
    deps.reports.latest('drill'),
  ]);
  const byJob = new Map<string, BackupListItem>();
  for (const b of [...recent, ...verified]) byJob.set(b.jobId, b);
  return assessHealth({
    now, rpoTargetHours: opts.rpoTargetHours, database: deps.database, backups: [...byJob.values()], lastDrill: lastDrill?.payload ?? null, schedules: opts.schedules,
    encryptionKeyConfigured: deps.keyWrapper !== undefined, auditKeyed: opts.auditKeyed,
  });
}

/** Every backup job created since `sinceMs`, paging back through the catalog. */
async function recentBackups(engine: HealthDeps['engine'], sinceMs: number): Promise<BackupListItem[]> {
  const out: BackupListItem[] = [];
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const items = await engine.listBackups({ limit: PAGE, before });
    out.push(...items);
    const last = items[items.length - 1];
    if (items.length < PAGE || last === undefined || Date.parse(last.createdAt) < sinceMs) break;
    before = last.createdAt;
  }
  return out.filter((b) => Date.parse(b.createdAt) >= sinceMs);
}

export interface HealthRun {
  reportId: string;
  health: HealthReport;
  /** Empty when no tracker was given (no webhook configured). */
  alerts: AlertEvaluation[];
}

/** Collects health, stores it as a `health` report and evaluates alerts. */
export async function runHealthReport(deps: HealthDeps & { tracker?: IncidentTracker; newId: () => string }, opts: HealthOptions): Promise<HealthRun> {
  const health = await collectHealth(deps, opts);
  const reportId = deps.newId();
  await deps.reports.append({ id: reportId, kind: 'health', createdAt: health.generatedAt, payload: health });
  const alerts = deps.tracker ? await evaluateAlerts(health, deps.tracker) : [];
  return { reportId, health, alerts };
}
