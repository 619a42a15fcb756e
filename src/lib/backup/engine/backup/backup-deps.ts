/**
 * What the backup, verify and restore use cases need: ports only, wired in composition.ts.
 */
import type { BackupStore, Clock, DatabaseRef, DocumentDatabases, ExportService, IdGenerator, KeyWrapper } from '../../ports';

export interface EngineDeps {
  store: BackupStore;
  databases: DocumentDatabases;
  exports: ExportService;
  /** Set when backups are to be encrypted (and to read encrypted ones). */
  keyWrapper?: KeyWrapper;
  clock: Clock;
  ids: IdGenerator;
  tool: { name: string; version: string };
  /** The production database backups are taken of by default. */
  database: DatabaseRef;
  /**
   * Anchors the audit trail (writes its bucket checkpoint) and returns its head, recorded in every manifest. Absent in
   * engines without an audit trail.
   */
  auditAnchor?: () => Promise<{ seq: number; hash: string; chain?: string }>;
}

/** `<project>/<database>/<backupId>/`: the backup's folder inside the store (docs/design.md "Logical format"). */
export function backupRoot(db: DatabaseRef, backupId: string): string {
  return `${db.projectId}/${db.databaseId}/${backupId}/`;
}

/** The key of a backup's manifest. */
export function manifestKey(db: DatabaseRef, backupId: string): string {
  return `${backupRoot(db, backupId)}manifest.json`;
}

/** Backup ids sort by time: `20261123T191500Z-3f9a1c`. */
export function newBackupId(now: Date, random: string): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}-${random}`;
}
