/**
 * Backup retention: a pure GFS policy (keep-last / daily / weekly / monthly, max age) with hard protections (legal
 * holds, the newest verified backup) that explains every verdict. Pure: time is always passed in.
 */
export { applyRetention, newestFirst } from './apply-retention';
export { explainRetention } from './explain-retention';
export { isoWeekLabel, periodLabels, type PeriodLabels } from './periods';
export {
  DEFAULT_UNVERIFIED_GRACE_DAYS,
  assertRetentionPolicy,
  type BackupStatus,
  type BackupSummary,
  type LegalHold,
  type RetentionDecision,
  type RetentionOptions,
  type RetentionPolicy,
  type RetentionVerdict,
} from './retention-policy';
