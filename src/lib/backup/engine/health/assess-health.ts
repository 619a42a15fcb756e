/**
 * Health as a pure function of the catalog, the last drill and the configuration at an instant `now`:
 *
 * - no recovery point → critical; the newest one older than the RPO target → critical, older than 80 % of it →
 *   warning (age is measured from its snapshot time: that is the data a recovery would bring back). Recovery points
 *   are what `backup:dr` recovers from (restore/recovery-point.ts): verified backups of the whole database, so not a
 *   backup of a selection, of another database, or a restore's safety backup;
 * - 30-day success rate (succeeded / (succeeded + failed); cancelled runs excluded) below 95 % → warning;
 * - the newest finished backup failed → warning (the RPO clock is running out even if it has not yet);
 * - the last drill failed, is older than 30 days, or there never was one → warning (an unrehearsed restore is a guess);
 * - no encryption key is configured → warning: by default, logical backups are then written in plaintext.
 * - the audit trail is chained without a key (BACKUP_AUDIT_HMAC_KEY) → warning.
 */
import { parseCron } from '../schedule/parse-cron';
import { nextRuns } from '../schedule/cron-slots';
import type { DatabaseRef } from '../../ports';
import { isTerminal } from '../../job-states';
import type { BackupListItem } from '../backup-dr-engine';
import type { DrillReport } from '../drill/drill-report';
import { isRecoveryPoint } from '../restore/recovery-point';

import { HEALTH_POLICY, type HealthReason, type HealthReport, type HealthStatus, type ScheduleInput } from './health-report';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface HealthInput {
  now: Date;
  rpoTargetHours: number;
  /** The database whose RPO is assessed: only its recovery points count. */
  database: DatabaseRef;
  /**
   * Catalog rows, any order: at least every backup created in the last 30 days, plus older verified ones (for the
   * newest verified backup and legal holds when nothing recent exists).
   */
  backups: readonly BackupListItem[];
  lastDrill: DrillReport | null;
  schedules?: readonly ScheduleInput[];
  /** A key is configured (BACKUP_ENCRYPTION_KEY), so logical backups are encrypted by default. */
  encryptionKeyConfigured: boolean;
  /** False when the audit trail is chained without BACKUP_AUDIT_HMAC_KEY: an attention item (undefined: not assessed). */
  auditKeyed?: boolean;
}

type Verified = BackupListItem & { result: NonNullable<BackupListItem['result']> };

const isVerified = (b: BackupListItem): b is Verified => b.state === 'succeeded' && b.result !== null && b.result.verified;
const byCreatedDesc = (a: BackupListItem, b: BackupListItem): number => b.createdAt.localeCompare(a.createdAt) || b.jobId.localeCompare(a.jobId);
const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Assesses health; deterministic for a given input. */
export function assessHealth(input: HealthInput): HealthReport {
  const now = input.now.getTime();
  const sorted = [...input.backups].sort(byCreatedDesc);
  const verified = sorted.filter(isVerified);
  const inWindow = sorted.filter((b) => now - Date.parse(b.createdAt) <= HEALTH_POLICY.windowDays * DAY_MS);
  const report: Omit<HealthReport, 'status' | 'reasons'> = {
    generatedAt: input.now.toISOString(),
    rpo: rpoOf(verified.find((b) => isRecoveryPoint(b, input.database)), now, input.rpoTargetHours),
    latestAttempt: latestAttempt(sorted),
    window: successWindow(inWindow),
    averageDurationMs: average(inWindow.filter(isVerified).map((b) => b.result.durationMs)),
    sizeTrend: sizeTrend(verified),
    lastDrill: input.lastDrill ? drillSummary(input.lastDrill, now) : null,
    legalHolds: verified.filter((b) => b.result.legalHold !== null).length,
    nextScheduledRun: nextScheduledRun(input.schedules ?? [], input.now),
  };
  const reasons = reasonsFor(report, input.rpoTargetHours);
  if (!input.encryptionKeyConfigured) {
    reasons.push({ code: 'backups-not-encrypted', severity: 'warning', message: 'backups are not encrypted: no BACKUP_ENCRYPTION_KEY configured (logical backups are written in plaintext; set a key, e.g. openssl rand -base64 32, kept away from the bucket)' });
  }
  if (input.auditKeyed === false) reasons.push(AUDIT_UNKEYED);
  return { ...report, status: statusOf(reasons), reasons };
}

function rpoOf(newest: Verified | undefined, now: number, targetHours: number): HealthReport['rpo'] {
  if (newest === undefined) return { targetHours, lastSuccess: null, withinTarget: false };
  const ageHours = Math.max(0, (now - Date.parse(newest.result.snapshotTime)) / HOUR_MS);
  return {
    targetHours,
    lastSuccess: { backupId: newest.backupId, jobId: newest.jobId, at: newest.result.snapshotTime, ageHours: round(ageHours) },
    withinTarget: ageHours <= targetHours,
  };
}

function latestAttempt(sorted: readonly BackupListItem[]): HealthReport['latestAttempt'] {
  for (const b of sorted) {
    if (!isTerminal(b.state)) continue;
    return { jobId: b.jobId, backupId: b.backupId, state: b.state, at: b.createdAt, error: b.error?.message ?? null };
  }
  return null;
}

function successWindow(inWindow: readonly BackupListItem[]): HealthReport['window'] {
  const succeeded = inWindow.filter((b) => b.state === 'succeeded').length;
  const failed = inWindow.filter((b) => b.state === 'failed').length;
  const ended = succeeded + failed;
  return { days: HEALTH_POLICY.windowDays, succeeded, failed, successRate: ended === 0 ? null : round(succeeded / ended, 4) };
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

function sizeTrend(verified: readonly Verified[]): HealthReport['sizeTrend'] {
  const points = verified
    .slice(0, HEALTH_POLICY.trendSize)
    .reverse()
    .map((b) => ({ backupId: b.backupId, at: b.result.snapshotTime, bytes: b.result.bytes, documents: b.result.documents }));
  const first = points[0];
  const last = points[points.length - 1];
  const changePct = points.length < 2 || first === undefined || last === undefined || first.bytes === 0 ? null : round(((last.bytes - first.bytes) / first.bytes) * 100, 1);
  return { points, changePct };
}

function drillSummary(drill: DrillReport, now: number): NonNullable<HealthReport['lastDrill']> {
  return {
    drillId: drill.drillId,
    at: drill.finishedAt,
    ok: drill.ok,
    failedStep: drill.failedStep,
    rtoMs: drill.metrics.rtoMs,
    ageDays: round(Math.max(0, now - Date.parse(drill.finishedAt)) / DAY_MS),
  };
}

/** The earliest next run over enabled schedules; a schedule whose cron does not parse is skipped, not fatal. */
function nextScheduledRun(schedules: readonly ScheduleInput[], now: Date): HealthReport['nextScheduledRun'] {
  let best: { scheduleId: string; at: Date } | null = null;
  for (const s of schedules) {
    if (s.enabled === false) continue;
    let next: Date | undefined;
    try {
      next = nextRuns(parseCron(s.cron), now, 1, s.timeZone ?? 'UTC')[0];
    } catch {
      continue;
    }
    if (next !== undefined && (best === null || next < best.at)) best = { scheduleId: s.id, at: next };
  }
  return best === null ? null : { scheduleId: best.scheduleId, at: best.at.toISOString() };
}

function reasonsFor(r: Omit<HealthReport, 'status' | 'reasons'>, targetHours: number): HealthReason[] {
  const reasons: HealthReason[] = [];
  const last = r.rpo.lastSuccess;
  if (last === null) {
    reasons.push({ code: 'no-verified-backup', severity: 'critical', message: 'there is no verified backup of the whole database: it could not be recovered (backups of a selection, of another database and restores\' safety backups do not count)' });
  } else if (last.ageHours > targetHours) {
    reasons.push({ code: 'rpo-breached', severity: 'critical', message: `the newest verified whole-database backup is ${last.ageHours} h old, past the RPO target of ${targetHours} h` });
  } else if (last.ageHours > targetHours * HEALTH_POLICY.rpoWarningFraction) {
    reasons.push({ code: 'rpo-at-risk', severity: 'warning', message: `the newest verified whole-database backup is ${last.ageHours} h old, over ${HEALTH_POLICY.rpoWarningFraction * 100} % of the RPO target of ${targetHours} h` });
  }
  const rate = r.window.successRate;
  if (rate !== null && rate < HEALTH_POLICY.successRateTarget) {
    reasons.push({ code: 'low-success-rate', severity: 'warning', message: `${round(rate * 100, 1)} % of backups succeeded in the last ${r.window.days} days (target ${HEALTH_POLICY.successRateTarget * 100} %)` });
  }
  if (r.latestAttempt !== null && r.latestAttempt.state === 'failed') {
    reasons.push({ code: 'latest-backup-failed', severity: 'warning', message: `the latest backup ${r.latestAttempt.jobId} failed: ${r.latestAttempt.error ?? 'no error recorded'}` });
  }
  reasons.push(...drillReasons(r.lastDrill));
  return reasons;
}

const AUDIT_UNKEYED: HealthReason = {
  code: 'audit-unkeyed',
  severity: 'warning',
  message: 'the audit trail is unkeyed: set BACKUP_AUDIT_HMAC_KEY so someone who can write the control database cannot rewrite it consistently',
};

function drillReasons(drill: HealthReport['lastDrill']): HealthReason[] {
  if (drill === null) return [{ code: 'drill-missing', severity: 'warning', message: 'no restore drill has run: run npm run backup:test' }];
  const out: HealthReason[] = [];
  if (!drill.ok) out.push({ code: 'drill-failed', severity: 'warning', message: `the last drill ${drill.drillId} failed at step ${drill.failedStep ?? '?'}` });
  if (drill.ageDays > HEALTH_POLICY.drillMaxAgeDays) out.push({ code: 'drill-stale', severity: 'warning', message: `the last drill ran ${Math.floor(drill.ageDays)} days ago (rehearse at least every ${HEALTH_POLICY.drillMaxAgeDays} days)` });
  return out;
}

function statusOf(reasons: readonly HealthReason[]): HealthStatus {
  if (reasons.some((r) => r.severity === 'critical')) return 'critical';
  return reasons.length > 0 ? 'warning' : 'healthy';
}
