/**
 * Operations actions over engine/ops: prune (cleanup_old), legal holds, schedules and the retention policy in
 * `backup_config`, the drill as a job, and the scheduler tick. The ops use cases write their own audit entries
 * (`backup.hold`, `retention.prune`, …) next to the API's request entry, so both the request and what it did are on
 * the trail.
 */
import { randomBytes } from 'node:crypto';

import { assertRetentionPolicy, clearLegalHold, parseConfigInput, parseScope, pruneBackups, type PruneReport, retentionConfigSchema, runScheduledTick, type ScheduleConfig, scheduleConfigSchema, setLegalHold } from '../backup';
import type { ActionBody } from '../contracts/actions';

import { opsActor, requestedBy, type ActionContext } from './action-context';
import type { Reply } from './define-route';
import { jobAccepted } from './views';

/** A prune report as JSON: the decisions with ISO dates, without the plain-text table. */
export function pruneView(report: PruneReport): Record<string, unknown> {
  const { table: _table, decisions, ...rest } = report;
  return { ...rest, decisions: decisions.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })) };
}

/** cleanup_old: applies the retention policy (a dry run by default) and answers the decision table and deletions. */
export async function cleanupOld(body: ActionBody<'cleanup_old'>, { rt, caller, ip }: ActionContext): Promise<Reply> {
  const report = await pruneBackups(rt.runtime.ops, { actor: opsActor(caller, ip), dryRun: body.dryRun, fallback: rt.runtime.config.retention });
  return { body: pruneView(report) };
}

/** set_legal_hold / clear_legal_hold. */
export async function changeLegalHold(held: boolean, body: ActionBody<'set_legal_hold'>, { rt, caller, ip }: ActionContext): Promise<Reply> {
  const input = { backupId: body.backupId, reason: body.reason, actor: opsActor(caller, ip) };
  const report = held ? await setLegalHold(rt.runtime.ops, input) : await clearLegalHold(rt.runtime.ops, input);
  return { body: report, target: report.backupId };
}

/**
 * update_schedule: creates or replaces a schedule. The run history (`lastRunSlot`, `missed`) is kept, so editing a
 * schedule neither re-runs past slots nor forgets missed ones. The scope patterns are checked as a backup would.
 */
export async function updateSchedule(body: ActionBody<'update_schedule'>, { rt }: ActionContext): Promise<Reply> {
  const { ops, engine } = rt.runtime;
  const input = body.schedule;
  parseScope({ include: input.include, exclude: input.exclude });
  const now = engine.deps.clock.now().toISOString();
  const build = (current: ScheduleConfig | undefined): ScheduleConfig =>
    parseConfigInput(scheduleConfigSchema, `schedule ${input.id}`, { ...input, lastRunSlot: current?.lastRunSlot ?? null, missed: current?.missed ?? { count: 0, last: [] }, updatedAt: now });
  const existing = await ops.config.getSchedule(input.id);
  if (existing === undefined) {
    const created = build(undefined);
    await ops.config.putSchedule(created);
    return { status: 201, body: { schedule: created, created: true }, target: input.id };
  }
  const updated = await ops.config.mutateSchedule(input.id, (current) => build(current));
  return { body: { schedule: updated, created: false }, target: input.id };
}

/** update_retention: stores the policy with the engine's limits; the next prune applies it. */
export async function updateRetention(body: ActionBody<'update_retention'>, { rt }: ActionContext): Promise<Reply> {
  const { ops, engine } = rt.runtime;
  const policy = parseConfigInput(retentionConfigSchema, 'retention', { ...body.policy, updatedAt: engine.deps.clock.now().toISOString() });
  assertRetentionPolicy(policy);
  await ops.config.setRetention(policy);
  return { body: { policy }, target: 'retention' };
}

/** run_drill: enqueues the 8-step drill as a `drill` job (composition.ts runs it); its report id is the job id. */
export async function runDrillAction(body: ActionBody<'run_drill'>, { rt, caller }: ActionContext): Promise<Reply> {
  const { engine } = rt.runtime;
  const stamp = engine.deps.clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const id = `drill-${stamp}-${randomBytes(3).toString('hex')}`;
  // A drill is not retried on its own: a failed one is a finding to look at, and a retry would hide it.
  const { job } = await engine.jobs.enqueue({ id, kind: 'drill', params: { include: body.collections ?? [] }, requestedBy: requestedBy(caller), maxAttempts: 1 });
  return { status: 202, body: jobAccepted(job), target: job.id };
}

/**
 * scheduled_tick: what Cloud Scheduler calls every minute (scheduler secret or OIDC). Like `npm run backup:scheduled`
 * it decides what is due, starts it under slot-keyed idempotency keys and runs queued jobs in this request, then
 * prunes after a successful backup; schedule the HTTP target with an attempt deadline longer than a backup takes.
 */
export async function scheduledTick(body: ActionBody<'scheduled_tick'>, { rt, caller, ip }: ActionContext): Promise<Reply> {
  const owner = `api-tick:${requestedBy(caller).uid}:${randomBytes(3).toString('hex')}`;
  const report = await runScheduledTick(rt.runtime.ops, { owner, actor: opsActor(caller, ip), reportOnly: body.reportOnly, retentionFallback: rt.runtime.config.retention });
  return { body: { ...report, prune: report.prune ? pruneView(report.prune) : null } };
}
