/** Restore parameters, targets and results, parsed at the job boundary. */
import { z } from 'zod';

import { EngineError } from '../../errors';
import type { DatabaseRef } from '../../ports';

export const RESTORE_MODES = ['overwrite', 'merge', 'skip-existing', 'mirror'] as const;
export type RestoreMode = (typeof RESTORE_MODES)[number];

/** `staging` | `production` | `database:<id>` | `project:<id>[/<database>]`. */
export const TARGET_PATTERN = /^(staging|production|database:[a-z][a-z0-9-]{2,62}|project:[a-z][a-z0-9-]{4,28}[a-z0-9](\/(\(default\)|[a-z][a-z0-9-]{2,62}))?)$/;

const dbRef = z.object({ projectId: z.string().min(1), databaseId: z.string().min(1) });

export const restoreParamsSchema = z.object({
  restoreId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
  backupId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
  /** Where the backup was taken from (its manifest lives under this database's folder). */
  source: dbRef,
  target: z.string().regex(TARGET_PATTERN),
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

/**
 * Resolves a target name to a database. `production` is the backup's source; any other target that resolves to the
 * source is refused, so overwriting production always goes through the guarded path.
 */
export function resolveTarget(target: string, source: DatabaseRef, staging: string | undefined): DatabaseRef {
  if (!TARGET_PATTERN.test(target)) {
    throw new EngineError('invalid_argument', `target ${JSON.stringify(target)} is not one of staging, production, database:<id>, project:<id>[/<database>]`);
  }
  let db: DatabaseRef;
  if (target === 'production') return source;
  if (target === 'staging') {
    if (staging === undefined) throw new EngineError('failed_precondition', 'no staging target is configured (set BACKUP_STAGING_TARGET, e.g. project:my-app-staging)');
    db = resolveTarget(staging, source, undefined);
  } else if (target.startsWith('database:')) {
    db = { projectId: source.projectId, databaseId: target.slice('database:'.length) };
  } else {
    const [projectId = '', databaseId = '(default)'] = target.slice('project:'.length).split('/');
    db = { projectId, databaseId };
  }
  if (db.projectId === source.projectId && db.databaseId === source.databaseId) {
    throw new EngineError('invalid_argument', `target ${target} is the backup's source database ${source.projectId}/${source.databaseId}: restoring there is a production restore (--target production --confirm ${source.projectId})`);
  }
  return db;
}

const sameDatabase = (a: DatabaseRef, b: DatabaseRef): boolean => a.projectId === b.projectId && a.databaseId === b.databaseId;

/**
 * The control database (where jobs, configuration and the audit trail live) is never a restore target, for anyone
 * (issue 15, finding 5). When it is also the data database, production restores stay possible and the control
 * collections are protected one by one instead (selection.ts).
 */
export function refuseControlDatabase(target: string, db: DatabaseRef, where: { control?: DatabaseRef; data: DatabaseRef }): void {
  const { control, data } = where;
  if (control === undefined || sameDatabase(control, data) || !sameDatabase(control, db)) return;
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
