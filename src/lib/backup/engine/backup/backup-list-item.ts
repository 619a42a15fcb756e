/**
 * A row of the backup catalog, shared by the engine's catalog reads and the recovery-point choice. Kept below both so
 * restore/recovery-point.ts need not import backup-dr-engine.ts (which imports it back).
 */
import type { Job, JobState } from '../jobs/job';
import type { BackupMethod, BackupResult } from './backup-types';

/** A row of the backup catalog: the job and, once verified, its catalog entry. */
export interface BackupListItem {
  backupId: string;
  jobId: string;
  state: JobState;
  method: BackupMethod;
  createdAt: string;
  result: BackupResult | null;
  error: Job['error'];
}
