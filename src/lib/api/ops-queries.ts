/**
 * Read-side answers of the operations loop: health (for the dashboard), restore jobs, drill reports, schedules and
 * the retention policy with a preview of what it would keep and delete. Nothing here writes.
 */
import { collectHealth, effectiveRpoTarget, EngineError, type HealthReport, pruneBackups, rpoInputs } from '../backup';
import type { DrillListQuery, ListRestoresQuery } from '../contracts';
import type { JobView, RestorePage } from '../contracts/responses';

import { pruneView } from './ops-actions';
import { decodeCursor, encodeCursor } from './cursor';
import { restoreJobId } from './restore-actions';
import type { ApiRuntime } from './runtime';
import { jobView } from './views';

/** The engine's health assessment over the catalog, the last drill and the stored schedules (writes no report). */
export async function currentHealth(rt: ApiRuntime): Promise<HealthReport> {
  const { ops } = rt.runtime;
  const schedules = await ops.config.listSchedules();
  return collectHealth({ ...rt.runtime.health, clock: rt.clock }, { ...rpoInputs(schedules, rt.runtime.config.rpoTargetHours), auditKeyed: rt.audit.keyed });
}

/** Restore jobs, newest first, one state optionally. */
export async function listRestoresPage(rt: ApiRuntime, q: ListRestoresQuery): Promise<RestorePage> {
  const jobs = await rt.runtime.engine.jobs.store.list({ kinds: ['restore'], states: q.state ? [q.state] : undefined, limit: q.limit + 1, before: q.cursor ? decodeCursor(q.cursor) : undefined });
  const items = jobs.slice(0, q.limit);
  const last = items.at(-1);
  return { items: items.map(jobView), nextCursor: jobs.length > q.limit && last ? encodeCursor(last.createdAt) : null };
}

/** One restore job (by job id or bare restore id); `not_found` for any other kind of job. */
export async function restoreDetail(rt: ApiRuntime, restoreId: string): Promise<JobView> {
  const job = await rt.runtime.engine.getJob(restoreJobId(restoreId));
  if (job.kind !== 'restore') throw new EngineError('not_found', `${restoreId} is not a restore`, { details: { restoreId } });
  return jobView(job);
}

/** The newest drill reports (steps, metrics with the measured RTO, readiness checklist). */
export async function drillReports(rt: ApiRuntime, q: DrillListQuery) {
  const items = await rt.runtime.reports.list('drill', q.limit);
  return { items: items.map((r) => ({ id: r.id, createdAt: r.createdAt, report: r.payload })) };
}

/** The stored schedules and the RPO target they set. */
export async function schedulesView(rt: ApiRuntime) {
  const schedules = await rt.runtime.ops.config.listSchedules();
  return { schedules, rpoTargetHours: effectiveRpoTarget(schedules, rt.runtime.config.rpoTargetHours) };
}

/**
 * The retention policy in force (stored, else the environment's defaults) and what it would do to the catalog now:
 * every backup with keep/remove and the reasons. A dry-run prune: the same planning a real prune does, no writes.
 */
export async function retentionView(rt: ApiRuntime) {
  const { ops, config } = rt.runtime;
  const stored = await ops.config.getRetention();
  const preview = await pruneBackups(ops, { actor: { system: 'api:preview' }, dryRun: true, fallback: config.retention });
  const { policy: _policy, dryRun: _dryRun, ...rest } = pruneView(preview);
  return { policy: preview.policy, stored: stored !== undefined, preview: { ...rest, table: preview.table } };
}
