/**
 * Restore actions: restore_to_staging, disaster_recovery, approve_restore. The engine checks everything again
 * (verified backup, target not the source in disguise, the production confirmation); the API's own checks come first
 * so a refusal names the request's field and nothing reaches the engine.
 */
import { formatRestoreTarget, parseRestoreTarget, type RestoreTarget } from '../backup';
import type { ActionBody } from '../contracts/actions';

import type { ActionContext } from './action-context';
import { requestedBy } from './action-context';
import type { Reply } from './define-route';
import { ApiError } from './errors';
import { authorizeRestoreTarget, refuseControlDatabase } from './restore-target-role';
import type { ApiRuntime } from './runtime';
import { jobAccepted, jobView } from './views';

function confirmMismatch(field: string): ApiError {
  return new ApiError('invalid_argument', 'type the production project id exactly to confirm a production restore', {
    details: { issues: [{ path: `body.${field}`, message: 'does not match the production project id' }] },
  });
}

/**
 * Server-side production guard: a non-production restore must not resolve to the production database, and a
 * production restore's typed confirmation must equal the configured project id. The control database is never a
 * target, for anyone (422 before any role question).
 */
export function guardRestoreTarget(rt: ApiRuntime, target: RestoreTarget, confirm?: string): void {
  const { projectId, databaseId } = rt.runtime.config;
  if (target.kind === 'production') {
    if (confirm !== projectId) throw confirmMismatch('confirm');
    return;
  }
  refuseControlDatabase(rt.runtime.config, target);
  const hitsProduction =
    (target.kind === 'database' && target.databaseId === databaseId) ||
    (target.kind === 'project' && target.projectId === projectId && target.databaseId === databaseId);
  const text = formatRestoreTarget(target);
  if (hitsProduction) throw new ApiError('failed_precondition', `${text} is the production database; use disaster_recovery`, { details: { target: text } });
}

/** The body's target, checked by the contract already: parsed once here, then passed on as such. */
function bodyTarget(text: string): RestoreTarget {
  const target = parseRestoreTarget(text);
  if (target === undefined) throw new ApiError('invalid_argument', `${text} is not a restore target`, { details: { issues: [{ path: 'body.target', message: 'not a restore target' }] } });
  return target;
}

/**
 * restore_to_staging — every target except production; 202 + the restore job. A dry run writes nothing but the job.
 * The action needs the operator role; where it may write decides whether it needs admin (restore-target-role.ts).
 */
export async function restoreToStaging(body: ActionBody<'restore_to_staging'>, { rt, caller }: ActionContext): Promise<Reply> {
  const target = bodyTarget(body.target);
  guardRestoreTarget(rt, target);
  await authorizeRestoreTarget(rt, caller, target);
  const job = await rt.runtime.engine.createRestore({
    backupId: body.backupId,
    target,
    mode: body.mode,
    only: body.only,
    dryRun: body.dryRun,
    keepReferences: !body.rewriteReferences,
    requestedBy: requestedBy(caller),
  });
  return { status: 202, body: jobAccepted(job), target: job.id };
}

/**
 * disaster_recovery: restores into production after a safety backup (the engine takes it first). With
 * `requireSecondApproval` the job stays queued until another admin's approve_restore.
 */
export async function disasterRecovery(body: ActionBody<'disaster_recovery'>, { rt, caller }: ActionContext): Promise<Reply> {
  const target = { kind: 'production' } as const;
  guardRestoreTarget(rt, target, body.confirm);
  const job = await rt.runtime.engine.createRestore({
    backupId: body.backupId,
    target,
    mode: body.mode,
    only: body.only,
    dryRun: body.dryRun,
    keepReferences: !body.rewriteReferences,
    confirm: body.confirm,
    requestedBy: requestedBy(caller),
  });
  const approval = job.params.approvalRequired === true ? { awaitingApproval: true } : {};
  return { status: 202, body: { ...jobAccepted(job), ...approval }, target: job.id };
}

/** The job id of a restore named by its job id (`restore-…`) or its bare restore id. */
export function restoreJobId(restoreId: string): string {
  return restoreId.startsWith('restore-') ? restoreId : `restore-${restoreId}`;
}

/** approve_restore: a second admin (never the requester; the engine enforces it) releases a waiting production restore. */
export async function approveRestore(body: ActionBody<'approve_restore'>, { rt, caller }: ActionContext): Promise<Reply> {
  if (body.confirm !== rt.runtime.config.projectId) throw confirmMismatch('confirm');
  const who = requestedBy(caller);
  const job = await rt.runtime.engine.approveRestore(restoreJobId(body.restoreId), { uid: who.uid, ...(who.email ? { email: who.email } : {}) });
  return { body: jobView(job), target: job.id };
}
