/**
 * The console's own collections (DESIGN.md "Control collections"): the one list every layer uses. Backups leave them
 * out unless named explicitly; a restore never reads them from a backup, writes them, or deletes them in mirror mode,
 * whatever its selection says (issue 15, finding 4): restoring `backup_logs` would erase or rewind the audit trail.
 * Everything the console keeps lives under one of these roots (incident state sits under `backup_config`).
 */
export const CONTROL_COLLECTION_NAMES = {
  backupJobs: 'backup_jobs',
  restoreJobs: 'restore_jobs',
  config: 'backup_config',
  auditLog: 'backup_logs',
  reports: 'backup_reports',
} as const;

export type ControlCollection = (typeof CONTROL_COLLECTION_NAMES)[keyof typeof CONTROL_COLLECTION_NAMES];

export const CONTROL_COLLECTIONS: readonly ControlCollection[] = Object.values(CONTROL_COLLECTION_NAMES);

/** True when `collectionId` is one of the console's root collections. */
export function isControlCollection(collectionId: string): boolean {
  return (CONTROL_COLLECTIONS as readonly string[]).includes(collectionId);
}

/** The control collection a document or collection path lies under (its root segment), if any. */
export function controlRootOf(path: string): ControlCollection | undefined {
  const root = path.replace(/^\/+/, '').split('/')[0] ?? '';
  return isControlCollection(root) ? (root as ControlCollection) : undefined;
}

/** Why a restore pattern that names a control collection is refused; one wording for the engine and the API. */
export function controlPatternMessage(pattern: string, collection: ControlCollection): string {
  return `${JSON.stringify(pattern)} names the control collection ${collection}: the console's own collections (${CONTROL_COLLECTIONS.join(', ')}) are never restored, mirrored or deleted by a restore`;
}
