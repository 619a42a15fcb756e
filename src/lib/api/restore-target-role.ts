/**
 * Who may restore where (issue 15, finding 5). restore_to_staging is an operator action, but an operator may write
 * only into the configured staging target or into a new (empty) database of this project whose id starts with
 * BACKUP_OPERATOR_DATABASE_PREFIX; every other target needs an admin. The control database is never a target, for
 * anyone: that is a 422 (the request is wrong whoever sends it), checked before any role question. The engine
 * refuses the control database again (restore/restore-types.ts); roles are the API's business.
 */
import { type DatabaseRef, type EngineConfig, formatRestoreTarget, targetDatabase, type RestoreTarget } from '../backup';

import type { AuthorizedCaller } from './define-route';
import { ApiError } from './errors';
import { roleAllows } from './roles';
import type { ApiRuntime } from './runtime';

const same = (a: DatabaseRef, b: DatabaseRef): boolean => a.projectId === b.projectId && a.databaseId === b.databaseId;

/** The database a target names on this deployment; undefined for `staging` when none is configured (the engine says so). */
export function targetDatabaseOf(config: EngineConfig, target: RestoreTarget): DatabaseRef | undefined {
  return targetDatabase(target, { source: { projectId: config.projectId, databaseId: config.databaseId }, staging: config.stagingTarget });
}

/**
 * 422 when the target is the control database. Where the control database is also the data database, production
 * restores stay possible and the control collections are protected one by one instead (control-collections.ts).
 */
export function refuseControlDatabase(config: EngineConfig, target: RestoreTarget): void {
  const text = formatRestoreTarget(target);
  const db = targetDatabaseOf(config, target);
  const control = { projectId: config.projectId, databaseId: config.controlDatabaseId };
  if (db === undefined || config.controlDatabaseId === config.databaseId || !same(db, control)) return;
  const where = `${control.projectId}/${control.databaseId}`;
  throw new ApiError('invalid_argument', `${text} is the control database ${where}, where the console keeps its jobs, configuration and audit trail: it is never a restore target`, {
    details: { issues: [{ path: 'body.target', message: `is the control database ${where}` }] },
  });
}

/** Why an operator may not restore into `target`, or undefined when they may. */
async function operatorRefusal(rt: ApiRuntime, target: RestoreTarget): Promise<string | undefined> {
  const { config, engine } = rt.runtime;
  if (target.kind === 'staging') return undefined;
  const db = targetDatabaseOf(config, target);
  const staging = targetDatabaseOf(config, { kind: 'staging' });
  if (db !== undefined && staging !== undefined && same(db, staging)) return undefined;
  const prefix = config.operatorDatabasePrefix;
  const rule = `an operator restores only into the staging target${config.stagingTarget ? ` (${formatRestoreTarget(config.stagingTarget)})` : ''} or a new database whose id starts with ${prefix} (database:${prefix}<name>)`;
  if (db === undefined || db.projectId !== config.projectId || !db.databaseId.startsWith(prefix)) return rule;
  if (await engine.isEmptyDatabase(db)) return undefined;
  return `database ${db.databaseId} already holds data and ${rule}`;
}

/** 403 unless the caller may restore into `target`: admins anywhere, operators per {@link operatorRefusal}. */
export async function authorizeRestoreTarget(rt: ApiRuntime, caller: AuthorizedCaller, target: RestoreTarget): Promise<void> {
  if (roleAllows(caller.role, 'admin')) return;
  const refusal = await operatorRefusal(rt, target);
  if (refusal === undefined) return;
  const text = formatRestoreTarget(target);
  throw new ApiError('permission_denied', `${refusal}: restoring into ${text} needs the admin role; you are ${caller.role}`, {
    details: { required: 'admin', role: caller.role, target: text },
  });
}
