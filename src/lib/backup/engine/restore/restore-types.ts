/** Restore parameters, targets and results, parsed at the job boundary. */
import { z } from 'zod';

import { EngineError } from '../../errors';
import type { DatabaseRef } from '../../ports';
import { formatRestoreTarget, parseRestoreTarget, RESTORE_TARGET_FORMS, restoreTargetText, targetDatabase, type RestoreTarget, type StagingTarget } from '../../restore-target';

import { RESTORE_MODES, type RestoreMode } from '../../restore-modes';

export { RESTORE_MODES, type RestoreMode };

const dbRef = z.object({ projectId: z.string().min(1), databaseId: z.string().min(1) });

export const restoreParamsSchema = z.object({
  restoreId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
  backupId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
  /** Where the backup was taken from (its manifest lives under this database's folder). */
  source: dbRef,
  /** The target as asked for, in its text form (restore-target.ts): stored, shown and audited as such. */
  target: restoreTargetText,
  targetDatabase: dbRef,
  mode: z.enum(RESTORE_MODES).default('overwrite'),
  only: z.array(z.string()).default([]),
  dryRun: z.boolean().default(false),
  keepReferences: z.boolean().default(false),
  /** Production restores: a rollback point taken first, and possibly a second admin's approval. */
  production: z.boolean().default(false),
  approvalRequired: z.boolean().default(false),
  approvedBy: z.object({ uid: z.string(), email: z.string().optional() }).nullable().default(null),
});
export type RestoreParams = z.output<typeof restoreParamsSchema>;

export function parseRestoreParams(jobId: string, params: unknown): RestoreParams {
  const r = restoreParamsSchema.safeParse(params);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new EngineError('integrity', `job ${jobId}: params.${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`);
}

/** A target as the engine's callers give it: parsed already, or its text (parsed here, once). */
export function toRestoreTarget(target: RestoreTarget | string): RestoreTarget {
  if (typeof target !== 'string') return target;
  const parsed = parseRestoreTarget(target);
  if (parsed === undefined) throw new EngineError('invalid_argument', `target ${JSON.stringify(target)} is not one of ${RESTORE_TARGET_FORMS}`);
  return parsed;
}

/**
 * Resolves a target to a database. `production` is the backup's source; any other target that resolves to the
 * source is refused, so overwriting production always goes through the guarded path.
 */
export function resolveTarget(target: RestoreTarget, source: DatabaseRef, staging: StagingTarget | undefined): DatabaseRef {
  const db = targetDatabase(target, { source, staging });
  if (target.kind === 'production' && db !== undefined) return db;
  if (db === undefined) throw new EngineError('failed_precondition', 'no staging target is configured (set BACKUP_STAGING_TARGET, e.g. project:my-app-staging)');
  if (db.projectId === source.projectId && db.databaseId === source.databaseId) {
    const shown = target.kind === 'staging' && staging !== undefined ? `staging (${formatRestoreTarget(staging)})` : formatRestoreTarget(target);
    throw new EngineError('invalid_argument', `target ${shown} is the backup's source database ${source.projectId}/${source.databaseId}: restoring there is a production restore (--target production --confirm ${source.projectId})`);
  }
  return db;
}

const sameDatabase = (a: DatabaseRef, b: DatabaseRef): boolean => a.projectId === b.projectId && a.databaseId === b.databaseId;

/**
 * The control database (where jobs, configuration and the audit trail live) is never a restore target, for anyone
 * (issue 15, finding 5). When it is also the data database, production restores stay possible and the control
 * collections are protected one by one instead (selection.ts).
 */
export function refuseControlDatabase(asked: RestoreTarget, db: DatabaseRef, where: { control?: DatabaseRef; data: DatabaseRef }): void {
  const { control, data } = where;
  if (control === undefined || sameDatabase(control, data) || !sameDatabase(control, db)) return;
  const target = formatRestoreTarget(asked);
  throw new EngineError('invalid_argument', `target ${target} is the control database ${control.projectId}/${control.databaseId}, where the console keeps its jobs, configuration and audit trail: it is never a restore target`, {
    details: { target, controlDatabase: control },
  });
}

export interface CollectionDiff {
  created: number;
  changed: number;
  deleted: number;
  unchanged: number;
  examples: { created: string[]; changed: string[]; deleted: string[] };
}

export interface RestoreResult extends Record<string, unknown> {
  restoreId: string;
  backupId: string;
  target: string;
  targetDatabase: DatabaseRef;
  mode: RestoreMode;
  dryRun: boolean;
  diff: Record<string, CollectionDiff>;
  totals: { created: number; changed: number; deleted: number; unchanged: number };
  written: number;
  deleted: number;
  verified: boolean | null;
  verification: { ok: boolean; checked: number; problems: string[] } | null;
  safetyBackupId: string | null;
  /** How documents were written: our batched writes, or Google's importDocuments (managed backups on GCP). */
  via: 'writes' | 'importDocuments';
  /** Measured recovery time: from job start to verified target. */
  durationMs: number;
}
