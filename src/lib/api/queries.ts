/** Read-side answers built from engine calls: backup pages, backup detail, the dashboard summary, the audit chain. */
import { type BackupListItem, isEngineError, UNFINISHED_JOB_STATES } from '../backup';
import type { AuditListQuery, AuditVerifyQuery, ListBackupsQuery } from '../contracts';
import type { AuditChainView, BackupDetail, BackupPage, DashboardSummary } from '../contracts/responses';

import { decodeCursor, encodeCursor } from './cursor';
import { currentHealth } from './ops-queries';
import type { ApiRuntime } from './runtime';
import { backupItemView } from './views';

export { decodeCursor, encodeCursor } from './cursor';

const MAX_SCAN_ROUNDS = 10;

/**
 * One page of backups, newest first. The engine filters `method` after its own limit, so the page is filled by
 * reading successive engine pages (bounded) and filtering here; one extra item tells whether a next page exists.
 */
export async function listBackupsPage(rt: ApiRuntime, q: ListBackupsQuery): Promise<BackupPage> {
  const want = q.limit + 1;
  const found: BackupListItem[] = [];
  let before = q.cursor ? decodeCursor(q.cursor) : undefined;
  for (let round = 0; round < MAX_SCAN_ROUNDS && found.length < want; round++) {
    const batch = await rt.runtime.engine.listBackups({ states: q.state ? [q.state] : undefined, limit: want, before });
    found.push(...batch.filter((b) => q.method === undefined || b.method === q.method));
    const last = batch.at(-1);
    if (batch.length < want || last === undefined) break;
    before = last.createdAt;
  }
  const items = found.slice(0, q.limit);
  const last = items.at(-1);
  return { items: items.map(backupItemView), nextCursor: found.length > q.limit && last ? encodeCursor(last.createdAt) : null };
}

/** The catalog entry and, when the bucket has one, the parsed manifest. */
export async function backupDetail(rt: ApiRuntime, backupId: string): Promise<BackupDetail> {
  const { engine } = rt.runtime;
  const backup = await engine.getBackup(backupId);
  const manifest = await engine.readManifest(backup.backupId, backup.result?.database).catch((err: unknown) => {
    if (isEngineError(err, 'not_found')) return null;
    throw err;
  });
  return { backup: backupItemView(backup), manifest: manifest as Record<string, unknown> | null };
}

/**
 * Dashboard: the engine's health assessment (status with reasons, RPO, 30-day success rate, last drill and RTO,
 * holds, next run) plus the quick facts the header shows: last success, active jobs, the newest backups.
 */
export async function dashboardSummary(rt: ApiRuntime): Promise<DashboardSummary> {
  const { engine, config } = rt.runtime;
  const [recent, succeeded, active, health] = await Promise.all([
    engine.listBackups({ limit: 10 }),
    // The RPO facts come from the newest recovery point (what backup:dr recovers from), as in the health report.
    engine.latestRecoveryPoint().then((point) => (point ? [point] : [])),
    engine.listBackups({ states: [...UNFINISHED_JOB_STATES], limit: 100 }),
    currentHealth(rt),
  ]);
  const newest = succeeded[0];
  const at = newest?.result?.verifiedAt ?? newest?.createdAt;
  const ageHours = at ? (rt.clock.now().getTime() - Date.parse(at)) / 3_600_000 : undefined;
  return {
    projectId: config.projectId,
    databaseId: config.databaseId,
    rpoTargetHours: config.rpoTargetHours,
    lastSuccess: newest && at && ageHours !== undefined ? { backupId: newest.backupId, at, ageHours: Math.round(ageHours * 100) / 100 } : null,
    rpoBreached: ageHours === undefined || ageHours > config.rpoTargetHours,
    active: active.length,
    recent: recent.map(backupItemView),
    health: health as unknown as Record<string, unknown>,
  };
}

/** Audit entries newest first, with the seq cursor of the next page. */
export async function auditPage(rt: ApiRuntime, q: AuditListQuery) {
  const items = await rt.audit.list({ limit: q.limit, before: q.before, action: q.action, outcome: q.outcome, actor: q.actor });
  const last = items.at(-1);
  return { items, nextBefore: items.length === q.limit && last ? last.seq : null };
}

/** Verifies the trail against its key, head and newest bucket checkpoint: from the last verified position, or all. */
export async function auditChain(rt: ApiRuntime, q: AuditVerifyQuery = { full: false }): Promise<AuditChainView> {
  const report = await rt.audit.verify({ full: q.full });
  return { ...report, head: { seq: report.head.seq, hash: report.head.hash } };
}
