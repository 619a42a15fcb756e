/** Parameters and results of backup jobs, parsed at the job boundary (params are stored in Firestore). */
import { z } from 'zod';

import { EngineError } from '../../errors';
import { NOT_ENCRYPTED_REASONS, notEncryptedReason, sealedWith, type Manifest } from '../../format/manifest';

import { backupRoot, manifestKey } from './backup-deps';

export const BACKUP_METHODS = ['logical', 'managed'] as const;
export type BackupMethod = (typeof BACKUP_METHODS)[number];

const dbRef = z.object({ projectId: z.string().min(1), databaseId: z.string().min(1) });

export const backupParamsSchema = z.object({
  backupId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
  method: z.enum(BACKUP_METHODS),
  database: dbRef,
  include: z.array(z.string()).default([]),
  exclude: z.array(z.string()).default([]),
  /** true insists, false declines, null follows the configuration (engine/backup/encryption-choice.ts). */
  encrypt: z.boolean().nullable().default(null),
  /** Why it ran: a user, a schedule slot, a drill, a safety backup before a production restore. */
  trigger: z.string().default('manual'),
});
export type BackupParams = z.output<typeof backupParamsSchema>;

/** The catalog entry of a verified backup (stored as the backup job's result). */
export const backupResultSchema = z.object({
  backupId: z.string(),
  method: z.enum(BACKUP_METHODS),
  database: dbRef,
  location: z.string(),
  manifestKey: z.string(),
  snapshotTime: z.string(),
  documents: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  collections: z.record(z.string(), z.object({ documents: z.number().int().nonnegative() })),
  encrypted: z.boolean(),
  keyId: z.string().nullable(),
  /** Why it is not encrypted; null when it is (or for entries written before the reason was recorded). */
  notEncryptedReason: z.enum(NOT_ENCRYPTED_REASONS).nullable().default(null),
  verified: z.boolean(),
  verifiedAt: z.string(),
  durationMs: z.number().int().nonnegative(),
  include: z.array(z.string()),
  exclude: z.array(z.string()),
  trigger: z.string(),
  legalHold: z.object({ reason: z.string(), setBy: z.string(), setAt: z.string() }).nullable().default(null),
  /** Set by prune: deletion started (manifest first) and finished. A deleted backup stays in the job history only. */
  deletingAt: z.string().nullish(),
  deletedAt: z.string().nullish(),
  deletedBy: z.string().nullish(),
});
export type BackupResult = z.output<typeof backupResultSchema>;

/** Parses a job's params; a malformed stored job is an integrity error naming the field. */
export function parseBackupParams(jobId: string, params: unknown): BackupParams {
  const r = backupParamsSchema.safeParse(params);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new EngineError('integrity', `job ${jobId}: params.${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`);
}

export function parseBackupResult(jobId: string, result: unknown): BackupResult {
  const r = backupResultSchema.safeParse(result);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new EngineError('integrity', `job ${jobId}: result.${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`);
}

/** The catalog entry of a backup, from its manifest: one definition for new backups and reindexed ones. */
export function backupResultFromManifest(
  manifest: Manifest,
  opts: { storeUrl: string; verified: boolean; verifiedAt: Date; durationMs: number; trigger: string },
): BackupResult {
  const root = backupRoot(manifest.source, manifest.backupId);
  return {
    backupId: manifest.backupId,
    method: manifest.method,
    database: manifest.source,
    location: `${opts.storeUrl.replace(/\/$/, '')}/${root}`,
    manifestKey: manifestKey(manifest.source, manifest.backupId),
    snapshotTime: manifest.snapshotTime,
    documents: manifest.totals.documents,
    bytes: manifest.totals.bytes,
    files: manifest.files.length,
    collections: manifest.collections,
    encrypted: sealedWith(manifest) !== null,
    keyId: sealedWith(manifest)?.keyId ?? null,
    notEncryptedReason: notEncryptedReason(manifest),
    verified: opts.verified,
    verifiedAt: opts.verifiedAt.toISOString(),
    durationMs: opts.durationMs,
    include: manifest.scope.include,
    exclude: manifest.scope.exclude,
    trigger: opts.trigger,
    legalHold: null,
  };
}
