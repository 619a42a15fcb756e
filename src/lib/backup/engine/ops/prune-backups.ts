/**
 * Prune: apply the retention policy to the catalog and delete what it removes. The API's `cleanup_old`, the CLI's
 * `prune` and the scheduler tick (after a successful backup) all call `pruneBackups`.
 *
 * Deleting one backup, in this order, so that a prune interrupted anywhere never leaves a restorable half-backup:
 * 1. mark the catalog entry `deletingAt` + `verified: false` in one atomic update that re-checks the legal hold
 *    (a hold set after planning wins; `setLegalHold` refuses an entry being deleted);
 * 2. delete `manifest.json` first — without it nothing treats the folder as a backup (docs/design.md: the manifest marks
 *    a backup complete);
 * 3. delete every other file under the backup's folder;
 * 4. mark `deletedAt`, and append `backup.delete` to the audit trail.
 * An entry left at `deletingAt` by a crash is finished by the next prune.
 */
import { EngineError } from '../../errors';
import { backupRoot, manifestKey } from '../backup/backup-deps';
import { applyRetention, explainRetention, newestFirst, type BackupSummary, type RetentionDecision } from '../retention';

import { actorName, readCatalog, type CatalogEntry, type OpsActor, type OpsDeps } from './catalog';
import type { RetentionConfig } from './config-schema';

export interface PruneOptions {
  actor: OpsActor;
  dryRun?: boolean;
  /** The policy to apply; default the `retention` document, else `fallback`. */
  policy?: RetentionConfig;
  /** The policy when `backup_config/retention` does not exist (EngineConfig.retention). */
  fallback?: Omit<RetentionConfig, 'timeZone' | 'updatedAt'>;
}

export interface PrunedBackup {
  backupId: string;
  jobId: string;
  files: number;
  bytes: number;
}

export interface PruneReport {
  dryRun: boolean;
  policy: RetentionConfig;
  decisions: RetentionDecision[];
  /** explainRetention's table of the decisions. */
  table: string;
  deleted: PrunedBackup[];
  /** Backups the plan removed that were left alone (e.g. held since), with why. */
  skipped: { backupId: string; reason: string }[];
  failed: { backupId: string; error: string }[];
}

/** The retention policy in force: the stored document, else the fallback (environment defaults) in UTC. */
export async function loadRetention(deps: Pick<OpsDeps, 'config'>, fallback?: PruneOptions['fallback']): Promise<RetentionConfig> {
  const stored = await deps.config.getRetention();
  if (stored) return stored;
  if (fallback === undefined) throw new EngineError('failed_precondition', 'no retention policy: backup_config/retention is missing (run `npm run backup:init`)');
  return { ...fallback, timeZone: 'UTC', updatedAt: null };
}

/** What retention needs to know of an entry; undefined for entries prune must not touch (in flight, deleted). */
export function retentionSummary(entry: CatalogEntry): BackupSummary | undefined {
  if (entry.deletedAt || entry.deletingAt || entry.prunedAt) return undefined;
  const { job, result } = entry;
  const base = { backupId: entry.backupId, createdAt: new Date(job.createdAt), method: entry.params.method };
  if (job.state === 'succeeded' && result) {
    const hold = result.legalHold ? { ...result.legalHold, setAt: new Date(result.legalHold.setAt) } : null;
    return { ...base, status: result.verified ? 'verified' : 'unverified', legalHold: hold };
  }
  if (job.state === 'failed' || job.state === 'cancelled') return { ...base, status: 'failed' };
  return undefined;
}

/**
 * Retention applies to each group on its own, as restic's `forget --group-by host,paths` does: backups of one database
 * and one scope, with restores' safety backups apart. Mixed in one list, an afternoon of safety backups or backups of
 * a single collection filled "last N" and each day's "daily" slot, and the policy removed the whole-database backups
 * they displaced; each group now also keeps its own newest verified backup.
 */
export function retentionGroup(entry: CatalogEntry): string {
  const database = entry.result?.database ?? entry.params.database;
  const include = entry.result?.include ?? entry.params.include;
  const exclude = entry.result?.exclude ?? entry.params.exclude;
  const trigger = entry.result?.trigger ?? entry.params.trigger;
  const scope = include.length === 0 ? 'whole database' : `only ${include.join(', ')}`;
  return `${database.projectId}/${database.databaseId}, ${scope}${exclude.length > 0 ? ` except ${exclude.join(', ')}` : ''}${trigger.startsWith('safety:') ? ', safety backups' : ''}`;
}

/** Plans with `applyRetention` per group (retentionGroup), then (unless a dry run) deletes what it removes; see the module comment. */
export async function pruneBackups(deps: OpsDeps, opts: PruneOptions): Promise<PruneReport> {
  const policy = opts.policy ?? (await loadRetention(deps, opts.fallback));
  const now = deps.clock.now();
  const catalog = await readCatalog(deps.jobStore);
  const byId = new Map(catalog.map((e) => [e.backupId, e]));
  const groups = new Map<string, BackupSummary[]>();
  for (const entry of catalog) {
    const summary = retentionSummary(entry);
    if (summary === undefined) continue;
    const key = retentionGroup(entry);
    groups.set(key, [...(groups.get(key) ?? []), summary]);
  }
  const planned = [...groups].map(([key, group]) => ({ key, decisions: applyRetention(group, policy, now, { timeZone: policy.timeZone }) }));
  const decisions = planned.flatMap((g) => g.decisions).sort(newestFirst);
  // One table per group when there are several: the reasons ("last 2 (#1)", "newest verified backup") are per group.
  const table = planned.length <= 1 ? explainRetention(decisions) : planned.map((g) => `${g.key}:\n${explainRetention(g.decisions)}`).join('\n');
  const report: PruneReport = { dryRun: opts.dryRun ?? false, policy, decisions, table, deleted: [], skipped: [], failed: [] };
  if (report.dryRun) return report;
  for (const group of groups.values()) assertPlanIsSafe(group, decisions);

  const unfinished = catalog.filter((e) => e.deletingAt !== null && e.deletedAt === null);
  const removals = decisions.filter((d) => d.decision === 'remove').map((d) => ({ entry: byId.get(d.backupId) as CatalogEntry, reasons: d.reasons }));
  for (const { entry, reasons } of [...unfinished.map((entry) => ({ entry, reasons: ['finishing an interrupted prune'] })), ...removals]) {
    try {
      const done = await deleteBackup(deps, entry, { actor: opts.actor, reasons });
      if ('skipped' in done) report.skipped.push({ backupId: entry.backupId, reason: done.skipped });
      else report.deleted.push(done);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      report.failed.push({ backupId: entry.backupId, error: message });
      await audit(deps, opts.actor, entry, { outcome: 'failed', reason: message, params: { reasons } });
    }
  }
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: opts.actor,
    action: 'retention.prune',
    params: { policy: { ...policy }, deleted: report.deleted.map((d) => d.backupId), skipped: report.skipped.length, failed: report.failed.length },
    outcome: report.failed.length === 0 ? 'ok' : 'failed',
  });
  return report;
}

/**
 * Fails closed: the policy already keeps held backups and the newest verified one, but a bug there would destroy
 * what cannot be recovered, so it is checked again here before anything is deleted.
 */
export function assertPlanIsSafe(summaries: readonly BackupSummary[], decisions: readonly RetentionDecision[]): void {
  const verdict = new Map(decisions.map((d) => [d.backupId, d.decision]));
  const newest = summaries
    .filter((s) => s.status === 'verified')
    .sort(newestFirst)[0];
  const unsafe = summaries.filter((s) => verdict.get(s.backupId) === 'remove' && (s.legalHold || s.backupId === newest?.backupId));
  if (unsafe.length > 0) {
    throw new EngineError('internal', `retention plan would delete ${unsafe.map((s) => s.backupId).join(', ')} (held or the newest verified backup): nothing was deleted`, {
      details: { backupIds: unsafe.map((s) => s.backupId) },
    });
  }
}

async function deleteBackup(deps: OpsDeps, entry: CatalogEntry, opts: { actor: OpsActor; reasons: string[] }): Promise<PrunedBackup | { skipped: string }> {
  const at = deps.clock.now().toISOString();
  const succeeded = entry.job.state === 'succeeded';
  if (succeeded) {
    const marked = await deps.jobStore.mutate(entry.job.id, (job) => {
      const result = job.result ?? {};
      if (result.legalHold) throw new EngineError('failed_precondition', `backup ${entry.backupId} is under legal hold`);
      if (typeof result.deletingAt === 'string') return job;
      return { ...job, updatedAt: at, result: { ...result, deletingAt: at, deletedBy: actorName(opts.actor), verified: false } };
    }).catch((err: unknown) => (err instanceof EngineError && err.code === 'failed_precondition' ? err.message : Promise.reject(err)));
    if (typeof marked === 'string') return { skipped: marked };
  }
  const database = entry.result?.database ?? entry.params.database;
  const root = backupRoot(database, entry.backupId);
  const store = deps.store;
  // The manifest goes first: from then on nothing reads this folder as a backup.
  await store.delete(manifestKey(database, entry.backupId));
  let files = 0;
  let bytes = 0;
  for await (const o of store.list(root)) {
    await store.delete(o.key);
    files++;
    bytes += o.size;
  }
  await deps.jobStore.mutate(entry.job.id, (job) => ({
    ...job,
    updatedAt: at,
    result: { ...(job.result ?? {}), ...(succeeded ? { deletedAt: at } : { prunedAt: at }) },
  }));
  await audit(deps, opts.actor, entry, { outcome: 'ok', params: { reasons: opts.reasons, files, bytes: entry.result?.bytes ?? bytes, state: entry.job.state } });
  return { backupId: entry.backupId, jobId: entry.job.id, files, bytes: entry.result?.bytes ?? bytes };
}

async function audit(deps: OpsDeps, actor: OpsActor, entry: CatalogEntry, e: { outcome: 'ok' | 'failed'; reason?: string; params: Record<string, unknown> }): Promise<void> {
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor,
    action: 'backup.delete',
    target: entry.backupId,
    params: e.params,
    outcome: e.outcome,
    reason: e.reason,
  });
}
