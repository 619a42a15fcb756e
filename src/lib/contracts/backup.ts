/** Backup and job requests: create, list, detail, verify, cancel, legal holds. */
import { z } from 'zod';

import { JOB_STATES } from '../backup/client-safe';

import { collectionList, databaseIdSchema, firestorePath, paginationQuery, reasonText, safeId } from './common';

export const BACKUP_METHODS = ['logical', 'managed'] as const;
export type BackupMethodName = (typeof BACKUP_METHODS)[number];

// The job states are defined once (job-states.ts); the portal takes them from its contracts.
export { isJobState, JOB_STATES, type JobState } from '../backup/client-safe';

/** A backup job's states: the job states. */
export const BACKUP_STATES = JOB_STATES;

/** POST create_backup: which method, what to include/exclude, which database, whether to encrypt. */
export const createBackupRequest = z
  .object({
    method: z.enum(BACKUP_METHODS).default('logical'),
    collections: collectionList.optional(),
    exclude: collectionList.optional(),
    database: databaseIdSchema.optional(),
    /**
     * true insists (422 when no BACKUP_ENCRYPTION_KEY is configured, or for a managed backup), false declines, absent
     * follows the configuration: encrypted exactly when a key is configured.
     */
    encrypt: z.boolean().optional(),
    /** Repeating a request with the same key returns the first job instead of starting a second backup. */
    idempotencyKey: safeId.optional(),
  })
  .strict();
export type CreateBackupRequest = z.output<typeof createBackupRequest>;

/** `{ backupId }`: a backup (or its job id) named in a body or path. */
export const backupRef = z.object({ backupId: safeId }).strict();
export type BackupRef = z.output<typeof backupRef>;

/** Job ids name their kind: `backup-…`, `restore-…`, `verify-…`, `drill-…`. */
export const jobId = safeId.regex(/^(backup|restore|verify|drill)-/, { error: 'a job id: backup-…, restore-…, verify-… or drill-…' });

/** `{ jobId }`. */
export const jobRef = z.object({ jobId }).strict();
export type JobRef = z.output<typeof jobRef>;

/** GET backups: pagination plus filters by state and method. */
export const listBackupsQuery = paginationQuery.extend({
  state: z.enum(BACKUP_STATES).optional(),
  method: z.enum(BACKUP_METHODS).optional(),
});
export type ListBackupsQuery = z.output<typeof listBackupsQuery>;

/** Legal holds block deletion by retention until cleared; the reason is kept in the audit trail. */
export const setLegalHoldRequest = z.object({ backupId: safeId, reason: reasonText }).strict();
export const clearLegalHoldRequest = z.object({ backupId: safeId, reason: reasonText }).strict();
export type LegalHoldRequest = z.output<typeof setLegalHoldRequest>;

/** Longest page of document names one browse request returns. */
export const BROWSE_PAGE_MAX = 500;

/**
 * GET a backup's documents: without `collection`, only the collections; with it, that collection's documents (a
 * collection path such as `users` or `users/u1/events`), `pageSize` at a time, after the document path `after`.
 */
export const browseDocumentsQuery = z
  .object({
    collection: firestorePath.refine((p) => p.split('/').length % 2 === 1, { error: 'a collection path (odd number of segments), e.g. users or users/u1/events' }).optional(),
    pageSize: z.coerce.number().int().min(1).max(BROWSE_PAGE_MAX).default(50),
    after: firestorePath.optional(),
  })
  .strict();
export type BrowseDocumentsQuery = z.output<typeof browseDocumentsQuery>;

/** The catch-all `[...path]` of one document: an even number of segments, joined with `/`. */
export const documentPathParams = z
  .object({
    backupId: safeId,
    path: z.array(z.string().min(1).max(1_500)).min(2).max(200),
  })
  .strict()
  .transform((p) => ({ backupId: p.backupId, path: p.path.join('/') }))
  .pipe(z.object({ backupId: safeId, path: firestorePath.refine((p) => p.split('/').length % 2 === 0, { error: 'a document path (even number of segments), e.g. users/u1' }) }));
export type DocumentPathParams = z.output<typeof documentPathParams>;
