/**
 * What each Admin API action does, who may do it and how it is audited. Handlers only translate between the
 * contract and the engine; each action's handler lives with its kind (restore-actions.ts, ops-actions.ts,
 * initialize.ts).
 */
import { assertNever } from '../backup';
import type { ActionBody, AdminAction } from '../contracts/actions';

import { requestedBy, type ActionContext } from './action-context';
import type { Reply } from './define-route';
import { initialize } from './initialize';
import { changeLegalHold, cleanupOld, runDrillAction, scheduledTick, updateRetention, updateSchedule } from './ops-actions';
import { approveRestore, disasterRecovery, restoreToStaging } from './restore-actions';
import type { ApiRole } from './roles';
import { jobAccepted, jobView } from './views';

export type { ActionContext } from './action-context';

/** Role and audit name (verb-noun) per action. */
export const ACTION_POLICY: Readonly<Record<AdminAction, { role: ApiRole; audit: string }>> = {
  create_backup: { role: 'operator', audit: 'backup.create' },
  verify_backup: { role: 'operator', audit: 'backup.verify' },
  cancel_job: { role: 'operator', audit: 'job.cancel' },
  restore_to_staging: { role: 'operator', audit: 'restore.staging' },
  disaster_recovery: { role: 'admin', audit: 'restore.production' },
  approve_restore: { role: 'admin', audit: 'restore.approve' },
  cleanup_old: { role: 'admin', audit: 'retention.cleanup' },
  run_drill: { role: 'operator', audit: 'drill.run' },
  set_legal_hold: { role: 'admin', audit: 'legal_hold.set' },
  clear_legal_hold: { role: 'admin', audit: 'legal_hold.clear' },
  update_schedule: { role: 'admin', audit: 'schedule.update' },
  update_retention: { role: 'admin', audit: 'retention.update' },
  initialize: { role: 'admin', audit: 'system.initialize' },
  // The scheduler's credential is an operator; a tick only starts what the stored schedules say.
  scheduled_tick: { role: 'operator', audit: 'schedule.tick' },
};

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
      return restoreToStaging(request.body, ctx);
    case 'disaster_recovery':
      return disasterRecovery(request.body, ctx);
    case 'approve_restore':
      return approveRestore(request.body, ctx);
    case 'run_drill':
      return runDrillAction(request.body, ctx);
    case 'cleanup_old':
      return cleanupOld(request.body, ctx);
    case 'set_legal_hold':
      return changeLegalHold(true, request.body, ctx);
    case 'clear_legal_hold':
      return changeLegalHold(false, request.body, ctx);
    case 'update_schedule':
      return updateSchedule(request.body, ctx);
    case 'update_retention':
      return updateRetention(request.body, ctx);
    case 'initialize':
      return initialize(request.body, ctx);
    case 'scheduled_tick':
      return scheduledTick(request.body, ctx);
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
