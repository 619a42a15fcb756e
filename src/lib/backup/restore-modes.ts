/**
 * The restore modes, defined once (issue 16: one module per concept): what a restore does to documents that already
 * exist in the target. A leaf module (no imports), so contracts and the portal's forms share it through client-safe.ts.
 *   overwrite      every backed-up document replaces the target's
 *   merge          fields of the backup are merged into existing documents
 *   skip-existing  only documents missing from the target are created
 *   mirror         overwrite, and documents the backup lacks are deleted: the scope ends exactly equal to the backup
 */
export const RESTORE_MODES = ['overwrite', 'merge', 'skip-existing', 'mirror'] as const;
export type RestoreMode = (typeof RESTORE_MODES)[number];
