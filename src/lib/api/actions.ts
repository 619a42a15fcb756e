/**
 * What each Admin API action does, who may do it and how it is audited. Handlers only translate between the
 * contract and the engine. Actions whose engine use case does not exist yet validate fully, pass every auth and
 * production check, then answer 501 — honestly, without pretending to act.
 */
import { assertNever } from '../backup/errors';
import type { ActionBody, AdminAction } from '../contracts/actions';
import { parseRestoreTarget } from '../contracts/restore';

import type { AuthorizedCaller, Reply } from './define-route';
import { ApiError } from './errors';
import type { ApiRole } from './roles';
import type { ApiRuntime } from './runtime';
import { jobAccepted, jobView } from './views';

export interface ActionContext {
  rt: ApiRuntime;
  caller: AuthorizedCaller;
}

/** Role and audit name (verb-noun) per action. */
export const ACTION_POLICY: Readonly<Record<AdminAction, { role: ApiRole; audit: string; lands: string }>> = {
  create_backup: { role: 'operator', audit: 'backup.create', lands: '' },
  verify_backup: { role: 'operator', audit: 'backup.verify', lands: '' },
  cancel_job: { role: 'operator', audit: 'job.cancel', lands: '' },
  restore_to_staging: { role: 'operator', audit: 'restore.staging', lands: 'restore lands with the Restore issue' },
  disaster_recovery: { role: 'admin', audit: 'restore.production', lands: 'restore lands with the Restore issue' },
  approve_restore: { role: 'admin', audit: 'restore.approve', lands: 'restore lands with the Restore issue' },
  cleanup_old: { role: 'admin', audit: 'retention.prune', lands: 'pruning lands with the Retention issue' },
  run_drill: { role: 'operator', audit: 'drill.run', lands: 'drills land with the Drill issue' },
  set_legal_hold: { role: 'admin', audit: 'legal_hold.set', lands: 'legal holds land with the Retention issue' },
  clear_legal_hold: { role: 'admin', audit: 'legal_hold.clear', lands: 'legal holds land with the Retention issue' },
  update_schedule: { role: 'admin', audit: 'schedule.update', lands: 'schedules land with the Schedules issue' },
  update_retention: { role: 'admin', audit: 'retention.update', lands: 'retention settings land with the Retention issue' },
  initialize: { role: 'admin', audit: 'system.initialize', lands: 'initialisation lands with the Init issue' },
};

function notImplemented(action: AdminAction): never {
  throw new ApiError('not_implemented', ACTION_POLICY[action].lands, { details: { action } });
}

function requestedBy(caller: AuthorizedCaller): { uid: string; email?: string; role: string } {
  if (caller.kind === 'scheduler') return { uid: `scheduler:${caller.via}`, role: caller.role, ...(caller.email ? { email: caller.email } : {}) };
  return { uid: caller.uid, role: caller.role, ...(caller.email ? { email: caller.email } : {}) };
}

/** create_backup: enqueues the job (202); the in-process worker runs it. */
export async function createBackupAction(body: ActionBody<'create_backup'>, { rt, caller }: ActionContext): Promise<Reply> {
  const { engine, config } = rt.runtime;
  const job = await engine.createBackup({
    method: body.method,
    include: body.collections,
    exclude: body.exclude,
    database: body.database ? { projectId: config.projectId, databaseId: body.database } : undefined,
    encrypt: body.encrypt,
    idempotencyKey: body.idempotencyKey,
    trigger: caller.kind === 'scheduler' ? 'scheduler' : 'api',
    requestedBy: requestedBy(caller),
  });
  return { status: 202, body: jobAccepted(job), target: job.id };
}

/**
 * Server-side production guard: a non-production restore must not resolve to the production database, and a
 * production restore's typed confirmation must equal the configured project id.
 */
function guardRestoreTarget(rt: ApiRuntime, target: string, confirm?: string): void {
  const { projectId, databaseId } = rt.runtime.config;
  const parsed = parseRestoreTarget(target);
  if (parsed?.kind === 'production') {
    if (confirm !== projectId) throw new ApiError('invalid_argument', 'type the production project id exactly to confirm a production restore', { details: { issues: [{ path: 'body.confirm', message: 'does not match the production project id' }] } });
    return;
  }
  const hitsProduction =
    (parsed?.kind === 'database' && parsed.databaseId === databaseId) ||
    (parsed?.kind === 'project' && parsed.projectId === projectId && parsed.databaseId === databaseId);
  if (hitsProduction) throw new ApiError('failed_precondition', `${target} is the production database; use disaster_recovery`, { details: { target } });
}

/** Runs one parsed action. */
export async function runAction(request: ActionRequest, ctx: ActionContext): Promise<Reply> {
  const { engine } = ctx.rt.runtime;
  switch (request.action) {
    case 'create_backup':
      return createBackupAction(request.body, ctx);
    case 'verify_backup':
      return { body: await engine.verifyBackup(request.body.backupId), target: request.body.backupId };
    case 'cancel_job':
      return { body: jobView(await engine.cancelJob(request.body.jobId)), target: request.body.jobId };
    case 'restore_to_staging':
      guardRestoreTarget(ctx.rt, request.body.target);
      return notImplemented(request.action);
    case 'disaster_recovery':
      guardRestoreTarget(ctx.rt, 'production', request.body.confirm);
      return notImplemented(request.action);
    case 'run_drill':
      if (request.body.target) guardRestoreTarget(ctx.rt, request.body.target);
      return notImplemented(request.action);
    case 'approve_restore':
    case 'cleanup_old':
    case 'set_legal_hold':
    case 'clear_legal_hold':
    case 'update_schedule':
    case 'update_retention':
    case 'initialize':
      return notImplemented(request.action);
    default:
      return assertNever(request, 'action');
  }
}

/** A parsed `{ action, ...body }` request. */
export type ActionRequest = { [A in AdminAction]: { action: A; body: ActionBody<A> } }[AdminAction];

/** What an action acts on, for the audit entry. */
export function actionTarget(request: ActionRequest): string | undefined {
  const body = request.body as Record<string, unknown>;
  for (const key of ['backupId', 'jobId', 'restoreId'] as const) if (typeof body[key] === 'string') return body[key];
  if (request.action === 'update_schedule') return request.body.schedule.id;
  return undefined;
}
