/**
 * The part of the engine that client bundles may include: the rules the Admin API contracts (src/lib/contracts) share
 * with the engine, so a form refuses exactly what `backup_config` would. Every module reached from here is pure and
 * imports nothing but zod and errors.ts; `npm run lint` (.dependency-cruiser.cjs, "no-engine-in-client-bundles")
 * fails if client code reaches any other engine module, directly or through a chain of imports.
 * Server code imports the same names from index.ts.
 */
export { controlPatternMessage, controlRootOf } from './control-collections';
export { parseCron } from './engine/schedule/parse-cron';
export { scheduleIdSchema } from './engine/schedule/schedule-id';
export { assertTimeZone } from './engine/schedule/zoned-time';
export { NOT_ENCRYPTED_REASONS, type NotEncryptedReason } from './format/not-encrypted-reason';
export { isJobState, isTerminal, JOB_STATES, TERMINAL_JOB_STATES, type JobState } from './job-states';
export { formatRestoreTarget, parseRestoreTarget, restoreTargetText, stagingTargetSchema, type RestoreTarget } from './restore-target';
export { RESTORE_MODES, type RestoreMode } from './restore-modes';
