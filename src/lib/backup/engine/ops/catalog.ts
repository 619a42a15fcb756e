/**
 * The backup catalog as the operations use cases see it: every backup job with its parsed params and result, and the
 * deletion marks prune leaves on it.
 *
 * Deletion is a tombstone on the job, not a deleted document: the job history feeds the 30-day success rate and the
 * audit of what existed. A pruned backup's result gets `deletingAt` (set first, together with `verified: false`, so
 * nothing starts a restore from it while its files go) and then `deletedAt` once every file is gone. A failed
 * backup's leftover files are removed and its job marked `prunedAt`. Readers that know nothing of these fields still
 * see `verified: false` and refuse to restore.
 */
import type { AuditActor } from '../audit/audit-entry';
import type { BackupStore, Clock, KeyWrapper } from '../../ports';
import type { AuditLogStore } from '../../ports/audit';
import type { JobStore } from '../../ports/jobs';
import type { BackupDREngine } from '../backup-dr-engine';
import { parseBackupParams, parseBackupResult, type BackupParams, type BackupResult } from '../backup/backup-types';
import type { Job } from '../jobs/job';

import type { ConfigStore } from '../../ports/config';

/**
 * What the operations use cases need, each port given explicitly (composition.ts wires them): the engine only for its
 * own use cases (createBackup, the job service, handlers), never as a way to reach its ports.
 */
export interface OpsDeps {
  engine: BackupDREngine;
  config: ConfigStore;
  audit: AuditLogStore;
  /** The catalog: backup jobs, read and tombstoned in place. */
  jobStore: JobStore;
  /** The bucket the backups are in (the engine's store). */
  store: BackupStore;
  clock: Clock;
  /** Set when backups may be encrypted (reindex verifies their chunks). */
  keyWrapper?: KeyWrapper;
}

/** Who acts, for the audit trail and the marks on catalog entries. */
export type OpsActor = AuditActor;

/** One backup job as prune, holds and reindex see it. */
export interface CatalogEntry {
  job: Job;
  backupId: string;
  params: BackupParams;
  /** The parsed catalog entry of a succeeded backup; null otherwise. */
  result: BackupResult | null;
  deletingAt: string | null;
  deletedAt: string | null;
  prunedAt: string | null;
}

/**
 * The catalog can hold this many backup jobs before listing must page; a daily schedule with 400 days of retention
 * stays far below it.
 */
export const CATALOG_LIMIT = 10_000;

/** Every backup job, newest first. */
export async function readCatalog(jobStore: JobStore): Promise<CatalogEntry[]> {
  const jobs = await jobStore.list({ kinds: ['backup'], limit: CATALOG_LIMIT });
  return jobs.map(catalogEntry);
}

/** Parses one backup job into a catalog entry. */
export function catalogEntry(job: Job): CatalogEntry {
  const params = parseBackupParams(job.id, job.params);
  const raw = job.result ?? {};
  const mark = (key: string): string | null => (typeof raw[key] === 'string' ? (raw[key] as string) : null);
  return {
    job,
    backupId: params.backupId,
    params,
    result: job.state === 'succeeded' && job.result ? parseBackupResult(job.id, job.result) : null,
    deletingAt: mark('deletingAt'),
    deletedAt: mark('deletedAt'),
    prunedAt: mark('prunedAt'),
  };
}

/** The actor's display name for marks like `legalHold.setBy`. */
export function actorName(actor: OpsActor): string {
  return 'system' in actor ? actor.system : (actor.email ?? actor.uid);
}
