/**
 * Types of the retention policy and its inputs and outputs, and the policy's validation. The rules themselves are
 * documented on `applyRetention`.
 */
import { EngineError } from '../../errors';

/**
 * Grandfather-father-son retention, as in restic's `forget`: keep the `keepLast` newest backups, and the newest
 * backup of each of the `daily` / `weekly` / `monthly` most recent days / ISO weeks / months that have one; remove
 * anything older than `maxAgeDays`. Counts are non-negative integers; 0 turns a rule off (for `maxAgeDays`: no
 * maximum age).
 */
export interface RetentionPolicy {
  keepLast: number;
  daily: number;
  weekly: number;
  monthly: number;
  maxAgeDays: number;
}

export type BackupStatus = 'verified' | 'failed' | 'unverified';

export interface LegalHold {
  reason: string;
  setBy: string;
  setAt: Date;
}

/** What retention needs to know about one backup (from the catalog). */
export interface BackupSummary {
  backupId: string;
  createdAt: Date;
  /** `verified`: manifest present and stored bytes re-checked; `failed`: no manifest or verification failed. */
  status: BackupStatus;
  legalHold?: LegalHold | null;
  method: 'logical' | 'managed';
}

export type RetentionVerdict = 'keep' | 'remove';

/** The verdict on one backup and every reason for it, in the order they apply. */
export interface RetentionDecision {
  backupId: string;
  createdAt: Date;
  status: BackupStatus;
  decision: RetentionVerdict;
  /** Human-readable and stable (golden-tested): e.g. "last 7 (#2)", "weekly 2026-W47", "legal hold: …". */
  reasons: string[];
}

export interface RetentionOptions {
  /** IANA zone whose calendar defines days, ISO weeks and months. Default `UTC`. */
  timeZone?: string;
  /**
   * Unverified backups (verification pending or interrupted) never count toward keep rules, but are kept this many
   * days so that a verification still in flight is not cut short. Default 7.
   */
  unverifiedGraceDays?: number;
}

export const DEFAULT_UNVERIFIED_GRACE_DAYS = 7;

const COUNT_FIELDS = ['keepLast', 'daily', 'weekly', 'monthly', 'maxAgeDays'] as const;

/**
 * Throws EngineError `invalid_argument` unless every count is a non-negative integer and at least one keep rule is
 * on: a policy of zeros would delete every backup but the newest, which is never what anyone meant.
 */
export function assertRetentionPolicy(policy: RetentionPolicy): void {
  for (const field of COUNT_FIELDS) {
    const value = policy[field];
    if (!Number.isInteger(value) || value < 0) {
      throw new EngineError('invalid_argument', `retention ${field} must be a non-negative integer, got ${value}`, {
        details: { field, value },
      });
    }
  }
  if (policy.keepLast + policy.daily + policy.weekly + policy.monthly === 0) {
    throw new EngineError(
      'invalid_argument',
      'retention policy keeps nothing: set at least one of keepLast, daily, weekly, monthly',
      { details: { policy: { ...policy } } },
    );
  }
}
