/**
 * The engine's front door: everything the portal (src/app), the Admin API (src/lib/api) and the CLI (scripts/) use,
 * grouped by what a user does. Wiring (engine + adapters + configuration into a `Runtime`) is composition.ts; client
 * bundles import the zod-only client-safe.ts instead. `npm run lint` refuses any other import of src/lib/backup from
 * outside it (.dependency-cruiser.cjs, "one-front-door"); docs/architecture.md explains the layers.
 *
 * Most use cases are methods of `BackupDREngine` (long work is a job: create it, a Worker runs it); the operations
 * that are not long-running are plain functions over `OpsDeps` (`Runtime.ops`).
 */

// Errors: one EngineError with a code the API maps to an HTTP status; assertNever for exhaustive switches.
export { assertNever, EngineError, isEngineError, type EngineErrorCode } from './errors';
// Ports the clients pass in or read back (the clock is injected everywhere).
export type { Clock, DatabaseRef } from './ports';

// Configuration: the only reader of process.env (env → EngineConfig), plus the local stack's emulator settings.
export {
  childEnv,
  ConfigError,
  EMULATOR_PROCESS_ENV,
  loadEngineConfig,
  loadLocalStackConfig,
  useEmulatorsInThisProcess,
  type EngineConfig,
  type Env,
  type LocalStackConfig,
} from './config';

// Backup, restore (staging restore, DR rehearsal, production recovery with typed confirmation and second approval),
// verify, the catalog and job control: methods of the engine.
export { BackupDREngine, type BackupListItem, type CreateBackupInput, type CreateRestoreInput, type EngineOptions } from './engine/backup-dr-engine';
export { backupResultSchema, type BackupMethod, type BackupResult } from './engine/backup/backup-types';
// Backup: which collections (--collections / include / exclude) and how a result's encryption reads.
export { parseScope } from './engine/backup/scope';
export { describeEncryption } from './engine/backup/encryption-choice';
// Restore: the restore's input and result.
export type { RestoreMode, RestoreParams, RestoreResult } from './engine/restore/restore-types';
// Verify: what a verification found.
export type { VerifyResult } from './format/verify-logical-backup';
// Browse a backup's documents (portal document browser): where a backup lives and its documents, one group at a time.
export { backupRoot } from './engine/backup/backup-deps';
export { readBackupDocuments } from './engine/restore/backup-reader';
export { collectionGroupKey, type Manifest } from './format/manifest';
export type { DocumentJson, FirestoreValueJson } from './format/firestore-value-json';

// Jobs: the persisted, leased state machine every long use case runs as, the queue and the worker that runs it.
export { JOB_KINDS, JOB_STATES, type Job, type JobKind, type JobState } from './engine/jobs/job';
export { JobService } from './engine/jobs/job-service';
export { Worker, type JobContext, type JobHandler } from './engine/jobs/worker';

// Drill: restore the newest backup into staging, verify it and write a report.
export { runDrill, type DrillOptions, type DrillOutcome } from './engine/drill/run-drill';
export { DRILL_STEP_TITLES, type DrillReport, type DrillStep } from './engine/drill/drill-report';

// Operations over the catalog and backup_config (Runtime.ops): who asks, and what every operation needs.
export type { OpsActor, OpsDeps } from './engine/ops/catalog';
// Scheduled tick: run the due backups of every enabled schedule.
export { runScheduledTick, type TickReport } from './engine/ops/scheduled-tick';
// Prune: apply the retention policy (or preview it with dryRun).
export { pruneBackups, type PruneOptions, type PruneReport } from './engine/ops/prune-backups';
// Hold: set or clear a legal hold, which exempts a backup from pruning.
export { clearLegalHold, setLegalHold, type LegalHoldInput, type LegalHoldReport } from './engine/ops/legal-hold';
// Reindex: rebuild the catalog from the manifests in the backup store.
export { reindexCatalog, type ReindexOptions, type ReindexReport } from './engine/ops/reindex-catalog';
// Init: seed backup_config with the defaults (idempotent).
export { defaultConfigDocuments, seedDefaultConfig, type ConfigDefaults } from './engine/ops/init-config';
export type { SetupItem } from './ports/setup';
export type { ConfigDocument } from './ports/config';

// Schedules and retention: validate what an admin edits before it is stored, and preview a cron.
export { parseConfigInput, retentionConfigSchema, scheduleConfigSchema, type ScheduleConfig } from './engine/ops/config-schema';
export { assertRetentionPolicy } from './engine/retention/retention-policy';
export { describeCron, nextRuns, parseCron } from './engine/schedule';

// Report and health: collect the health report, evaluate alerts, store reports.
export { collectHealth, runHealthReport } from './engine/health/collect-health';
export type { HealthReport, HealthStatus, ScheduleInput } from './engine/health/health-report';
export type { AlertEvaluation } from './engine/health/evaluate-alerts';
export type { ReportStore } from './ports/reports';
export type { IncidentTracker } from './engine/alerts/incidents';

// Audit trail: what an audited request records, the log it goes to and the hash-chain check.
export type { AuditActor, AuditInput, AuditOutcome } from './engine/audit/audit-entry';
export type { AuditLogStore } from './ports/audit';
export type { AnchoredAuditLog } from './engine/audit/anchored-audit-log';
export { verifyAuditChain } from './engine/audit/verify-audit-chain';

// Logical format v1, for the benchmark that writes chunks without the engine around it.
export { writeChunks } from './format/chunk-writer';
export type { EncodedDocument } from './format/document-line';

// Rules shared with the Admin API contracts (see client-safe.ts); server code takes them from here.
export { controlPatternMessage, controlRootOf, NOT_ENCRYPTED_REASONS, type NotEncryptedReason, scheduleIdSchema, assertTimeZone } from './client-safe';

// One module per concept (issue 16): the restore-target grammar, the job states and the RPO target in force.
export { formatRestoreTarget, parseRestoreTarget, parseStagingTarget, RESTORE_TARGET_FORMS, restoreTargetText, stagingTargetSchema, targetDatabase } from './restore-target';
export type { RestoreTarget, StagingTarget } from './restore-target';
export { isJobState, LEASED_JOB_STATES, TERMINAL_JOB_STATES, UNFINISHED_JOB_STATES } from './job-states';
export { effectiveRpoTarget, rpoInputs } from './engine/health/rpo-target';
export { runDisasterRecovery, type RecoveryStep } from './engine/restore/disaster-recovery';
export { RESTORE_MODES } from './restore-modes';
