/**
 * Which backup a disaster recovery starts from when the operator names none: the newest verified, undeleted backup of
 * the database to recover that covers the whole database (an exclude list is fine: that is the configured scope).
 *
 * Never a restore's safety backup (`trigger: safety:<restoreId>`): it holds what a production restore replaced,
 * usually the damaged data, and is the newest backup right after a recovery, so a second `backup:dr --execute` would
 * have re-applied the damage. Never a backup of a selection (`--collections`) or of another database either. Any of
 * them can still be restored by naming it (`--backup <id>`): that is how a recovery is rolled back.
 */
import type { DatabaseRef } from '../../ports';
import type { BackupListItem } from '../backup/backup-list-item';

export function isRecoveryPoint(item: BackupListItem, database: DatabaseRef): boolean {
  const r = item.result;
  return (
    item.state === 'succeeded' &&
    r !== null &&
    r.verified &&
    r.deletingAt == null &&
    r.deletedAt == null &&
    r.database.projectId === database.projectId &&
    r.database.databaseId === database.databaseId &&
    r.include.length === 0 &&
    !r.trigger.startsWith('safety:')
  );
}

/** The first recovery point of a newest-first catalog page, if any. */
export function pickRecoveryPoint(newestFirst: readonly BackupListItem[], database: DatabaseRef): BackupListItem | undefined {
  return newestFirst.find((item) => isRecoveryPoint(item, database));
}
