/**
 * `npm run backup:report`: the health report — status with reasons, newest verified backup against the RPO target,
 * 30-day success rate, durations, size trend, last drill and RTO, legal holds, next scheduled run. Stored in
 * `backup_reports`; with BACKUP_ALERT_WEBHOOK_URL set it raises or resolves incidents (one message each).
 *
 * Exit code: 0 healthy or warning, 1 critical (so a cron wrapper or CI can page on it).
 */
import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { Runtime } from '../../src/lib/backup/composition';
import { type AlertEvaluation, type Clock, type HealthReport, type HealthStatus, type IncidentTracker, type ReportStore, runHealthReport, type ScheduleInput } from '../../src/lib/backup';

import type { CommandHelp } from './cli-spec';

export const reportFlags = z.object({ json: z.boolean().optional() });
export type ReportFlags = z.output<typeof reportFlags>;

export const reportHelp: CommandHelp<typeof reportFlags> = {
  name: 'report',
  summary: 'health: healthy / warning / critical with reasons, RPO, success rate, last drill, holds, next run',
  usage: '',
  alias: 'npm run backup:report',
  description: ['Stored in backup_reports; with BACKUP_ALERT_WEBHOOK_URL set it raises or resolves incidents (one message each).'],
  flags: {},
  examples: ['npm run backup:report', 'npm run backup:report -- --json'],
  exitCodes: { 0: 'healthy or warning', 1: 'critical (so cron or CI can page on it)' },
  schema: reportFlags,
};

/** What the config store (backup_config) will supply; until then the environment's RPO target and no schedules. */
export interface OpsInputs {
  schedules?: ScheduleInput[];
  rpoTargetHours?: number;
}

/**
 * The report store and, when a webhook is configured, the incident tracker over the runtime's control database.
 * Belongs in composition.ts (Runtime.reports / Runtime.alerts) once that file can change.
 */
export function opsWiring(rt: Runtime, clock: Clock = { now: () => new Date() }): { reports: ReportStore; tracker?: IncidentTracker; clock: Clock } {
  return { reports: rt.reports, tracker: rt.alerts, clock };
}

/** A report id: sortable by time, unique across processes. */
export function reportId(prefix: string, now: Date): string {
  return `${prefix}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export async function runReportCommand(rt: Runtime, _flags: ReportFlags, json: boolean, ops: OpsInputs = {}): Promise<number> {
  const wiring = opsWiring(rt);
  const run = await runHealthReport(
    { ...rt.health, reports: wiring.reports, clock: wiring.clock, tracker: wiring.tracker, newId: () => reportId('health', wiring.clock.now()) },
    { rpoTargetHours: ops.rpoTargetHours ?? rt.config.rpoTargetHours, schedules: ops.schedules, auditKeyed: rt.audit.keyed },
  );
  if (json) console.log(JSON.stringify({ ok: run.health.status !== 'critical', reportId: run.reportId, health: run.health, alerts: run.alerts }, null, 2));
  else printHealth(run.health, run.alerts, run.reportId);
  return run.health.status === 'critical' ? 1 : 0;
}

const STATUS: Record<HealthStatus, string> = { healthy: '✓ HEALTHY', warning: '! WARNING', critical: '✗ CRITICAL' };
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Plain-text health report. */
export function printHealth(h: HealthReport, alerts: readonly AlertEvaluation[], id: string): void {
  const line = (label: string, text: string): void => console.log(`  ${label.padEnd(10)}${text}`);
  console.log(`Backup health: ${STATUS[h.status]}   (${h.generatedAt}, report ${id})`);
  for (const r of h.reasons) console.log(`  ${r.severity === 'critical' ? '✗' : '!'} ${r.code}: ${r.message}`);
  const last = h.rpo.lastSuccess;
  line('RPO', last ? `newest verified backup ${last.backupId}, ${last.ageHours} h old (target ${h.rpo.targetHours} h) ${h.rpo.withinTarget ? '✓' : '✗'}` : `no verified backup (target ${h.rpo.targetHours} h) ✗`);
  const a = h.latestAttempt;
  line('latest', a ? `${a.jobId} ${a.state} (${a.at})${a.error ? `: ${a.error}` : ''}` : 'no backup has finished yet');
  const rate = h.window.successRate;
  line(`${h.window.days} days`, `${h.window.succeeded} succeeded, ${h.window.failed} failed${rate === null ? '' : ` — ${(rate * 100).toFixed(1)} % (target 95 %)`}`);
  line('duration', h.averageDurationMs === null ? '-' : `average ${secs(h.averageDurationMs)}`);
  const pts = h.sizeTrend.points;
  const first = pts[0];
  const lastPt = pts[pts.length - 1];
  line('size', first && lastPt ? `${mb(first.bytes)} → ${mb(lastPt.bytes)} over ${pts.length} backups${h.sizeTrend.changePct === null ? '' : ` (${h.sizeTrend.changePct >= 0 ? '+' : ''}${h.sizeTrend.changePct} %)`}` : '-');
  const d = h.lastDrill;
  line('drill', d ? `${d.drillId} ${d.ok ? 'passed' : `FAILED at ${d.failedStep ?? '?'}`} ${d.ageDays} days ago${d.rtoMs === null ? '' : `, RTO ${secs(d.rtoMs)}`}` : 'never run (npm run backup:test)');
  line('holds', `${h.legalHolds} backup(s) under legal hold`);
  line('next run', h.nextScheduledRun ? `${h.nextScheduledRun.at} (${h.nextScheduledRun.scheduleId})` : 'no schedule');
  if (alerts.length > 0) line('alerts', alerts.filter((x) => x.action !== 'not_open' && x.action !== 'suppressed').map((x) => `${x.key} ${x.op}: ${x.action}`).join(', ') || 'nothing new to send');
}
