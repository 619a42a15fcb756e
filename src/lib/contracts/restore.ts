/** Restore requests: staging restores, disaster recovery (production) and the second admin's approval. */
import { z } from 'zod';

import { controlPatternMessage, controlRootOf, JOB_STATES, RESTORE_MODES, restoreTargetText } from '../backup/client-safe';

import { firestorePath, paginationQuery, safeId } from './common';

// The restore modes are defined once (restore-modes.ts); forms and routes keep importing them from their contract.
export { RESTORE_MODES, type RestoreMode } from '../backup/client-safe';

// The one target grammar (issue 16); re-exported so forms and routes keep importing their contract.
export { parseRestoreTarget, type RestoreTarget } from '../backup/client-safe';

/** A restore target's text (restore-target.ts); the API parses it once and passes the parsed target on. */
export const restoreTarget = restoreTargetText;

/** A restore `only` pattern: a Firestore path that does not lie under one of the console's control collections. */
const restorePattern = firestorePath.superRefine((pattern, ctx) => {
  const control = controlRootOf(pattern);
  if (control !== undefined) ctx.addIssue({ code: 'custom', message: controlPatternMessage(pattern, control) });
});

const restoreFields = {
  backupId: safeId,
  mode: z.enum(RESTORE_MODES).default('overwrite'),
  /** Document paths or collection paths to restore; empty = the whole backup (the control collections never). */
  only: z.array(restorePattern).max(1_000).optional(),
  dryRun: z.boolean().default(false),
  /** Restores into another project/database rewrite references to the target unless turned off. */
  rewriteReferences: z.boolean().default(true),
};

/**
 * restore_to_staging — every target except production (a production restore is `disaster_recovery`) and the control
 * database. Operators: the staging target or a new database under BACKUP_OPERATOR_DATABASE_PREFIX; admins: any.
 */
export const restoreToStagingRequest = z
  .object({ ...restoreFields, target: restoreTarget.default('staging') })
  .strict()
  .refine((r) => r.target !== 'production', { error: 'a production restore is the disaster_recovery action', path: ['target'] });
export type RestoreToStagingRequest = z.output<typeof restoreToStagingRequest>;

/**
 * disaster_recovery: restores into production. `confirm` must be the production project id typed by hand; the server
 * checks it again against its own configuration.
 */
export const disasterRecoveryRequest = z
  .object({
    ...restoreFields,
    target: z.literal('production').default('production'),
    confirm: z.string().min(1, { error: 'type the production project id to confirm' }).max(100),
    /** Take a safety backup (rollback point) first; turning it off is refused unless dryRun. */
    safetyBackup: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.safetyBackup || r.dryRun, { error: 'a production restore takes a safety backup first', path: ['safetyBackup'] });
export type DisasterRecoveryRequest = z.output<typeof disasterRecoveryRequest>;

/** approve_restore: a second admin approves a pending production restore. */
export const approveRestoreRequest = z.object({ restoreId: safeId, confirm: z.string().min(1).max(100) }).strict();
export type ApproveRestoreRequest = z.output<typeof approveRestoreRequest>;

/** `{ restoreId }` in a path: a restore job id (`restore-…`) or the bare restore id. */
export const restoreRef = z.object({ restoreId: safeId }).strict();
export type RestoreRef = z.output<typeof restoreRef>;

/** A restore job's states: the job states (job-states.ts). */
export const RESTORE_STATES = JOB_STATES;

/** GET restores: newest first, optionally one state (e.g. queued = waiting, maybe for an approval). */
export const listRestoresQuery = paginationQuery.extend({ state: z.enum(RESTORE_STATES).optional() });
export type ListRestoresQuery = z.output<typeof listRestoresQuery>;
