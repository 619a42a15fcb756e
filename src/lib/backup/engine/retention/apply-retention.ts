/**
 * Retention as a pure function that explains itself (modelled on restic's `ApplyPolicy`): every backup gets a keep
 * or remove verdict with the reasons behind it, so `prune --dry-run` can show exactly what would happen and why.
 *
 * Rules, strongest first:
 * 1. A backup under legal hold is kept, whatever else applies ("legal hold: <reason> (set by … on …)").
 * 2. The newest verified backup is kept, so pruning can never leave nothing to restore ("newest verified backup").
 * 3. Backups older than `maxAgeDays` (measured from `now`, in exact days) are removed even if a keep rule selected
 *    them; the reason names the rules it overrides.
 * 4. Keep rules count verified backups only: a failed backup (no manifest, or verification failed) is not
 *    restorable, so keeping it would fill a "last 7" or "daily" slot with nothing. Failed backups are removed.
 *    Unverified ones (verification pending or interrupted) are kept while younger than `unverifiedGraceDays` so a
 *    verification in flight is not cut short, then removed.
 * 5. A verified backup is kept when a keep rule selects it: among verified backups, newest first, `keepLast` takes
 *    the first N ("last 7 (#3)"); `daily` / `weekly` / `monthly` take the newest backup of each of the N most recent
 *    days / ISO weeks / months that have one ("daily 2026-11-20", "weekly 2026-W47", "monthly 2026-11"), on the
 *    calendar of `timeZone`. Unlike restic, the oldest backup is not kept as a bonus when a bucket has counts left.
 *    Anything else is removed ("not selected by any keep rule").
 *
 * Backups created at the same instant are ordered by backup id (the greater id counts as newer), so the result is
 * deterministic. Decisions come back newest first.
 */
import { EngineError, assertNever } from '../../errors';
import { DAY_MS, assertTimeZone } from '../schedule/zoned-time';
import { periodLabels, type PeriodLabels } from './periods';
import {
  DEFAULT_UNVERIFIED_GRACE_DAYS,
  assertRetentionPolicy,
  type BackupSummary,
  type RetentionDecision,
  type RetentionOptions,
  type RetentionPolicy,
  type RetentionVerdict,
} from './retention-policy';

/** Decides keep or remove, with reasons, for every backup (see the module comment for the rules). */
export function applyRetention(
  backups: readonly BackupSummary[],
  policy: RetentionPolicy,
  now: Date,
  opts: RetentionOptions = {},
): RetentionDecision[] {
  assertRetentionPolicy(policy);
  const timeZone = opts.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const graceDays = opts.unverifiedGraceDays ?? DEFAULT_UNVERIFIED_GRACE_DAYS;
  if (!Number.isInteger(graceDays) || graceDays < 0) {
    throw new EngineError('invalid_argument', `unverifiedGraceDays must be a non-negative integer, got ${graceDays}`);
  }
  if (Number.isNaN(now.getTime())) throw new EngineError('invalid_argument', 'now is not a valid date');
  assertBackups(backups);

  const sorted = [...backups].sort(newestFirst);
  const verified = sorted.filter((b) => b.status === 'verified');
  const context: DecisionContext = {
    now: now.getTime(),
    policy,
    graceDays,
    newestVerifiedId: verified[0]?.backupId,
    ruleReasons: keepRuleReasons(verified, policy, timeZone),
  };
  return sorted.map((backup) => decide(backup, context));
}

interface DecisionContext {
  now: number;
  policy: RetentionPolicy;
  graceDays: number;
  newestVerifiedId: string | undefined;
  /** Keep-rule reasons per verified backup id. */
  ruleReasons: Map<string, string[]>;
}

/** Newest first; backups created at the same instant by backup id, the greater id counting as newer. */
export function newestFirst(a: Pick<BackupSummary, 'createdAt' | 'backupId'>, b: Pick<BackupSummary, 'createdAt' | 'backupId'>): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.backupId < b.backupId ? 1 : a.backupId > b.backupId ? -1 : 0;
}

function assertBackups(backups: readonly BackupSummary[]): void {
  const seen = new Set<string>();
  for (const backup of backups) {
    if (backup.backupId === '' || seen.has(backup.backupId)) {
      throw new EngineError('invalid_argument', `backup id ${JSON.stringify(backup.backupId)} is empty or repeated`, {
        details: { backupId: backup.backupId },
      });
    }
    seen.add(backup.backupId);
    if (Number.isNaN(backup.createdAt.getTime())) {
      throw new EngineError('invalid_argument', `backup ${backup.backupId} has an invalid createdAt`, {
        details: { backupId: backup.backupId },
      });
    }
  }
}

const PERIOD_RULES = [
  { rule: 'daily', period: 'day' },
  { rule: 'weekly', period: 'week' },
  { rule: 'monthly', period: 'month' },
] as const satisfies readonly { rule: keyof RetentionPolicy; period: keyof PeriodLabels }[];

/** Which keep rules select each verified backup; `verified` is newest first. */
function keepRuleReasons(
  verified: readonly BackupSummary[],
  policy: RetentionPolicy,
  timeZone: string,
): Map<string, string[]> {
  const taken = PERIOD_RULES.map(() => new Set<string>());
  const reasons = new Map<string, string[]>();
  verified.forEach((backup, index) => {
    const matches: string[] = [];
    if (index < policy.keepLast) matches.push(`last ${policy.keepLast} (#${index + 1})`);
    const labels = periodLabels(backup.createdAt, timeZone);
    PERIOD_RULES.forEach(({ rule, period }, i) => {
      const periods = taken[i] as Set<string>;
      const label = labels[period];
      // Newest first: the first backup seen in a period is that period's newest.
      if (periods.has(label) || periods.size >= policy[rule]) return;
      periods.add(label);
      matches.push(`${rule} ${label}`);
    });
    reasons.set(backup.backupId, matches);
  });
  return reasons;
}

function decide(backup: BackupSummary, ctx: DecisionContext): RetentionDecision {
  const protections: string[] = [];
  const protectedBy: string[] = [];
  if (backup.legalHold) {
    const { reason, setBy, setAt } = backup.legalHold;
    protections.push(`legal hold: ${reason} (set by ${setBy} on ${setAt.toISOString().slice(0, 10)})`);
    protectedBy.push('legal hold');
  }
  if (backup.backupId === ctx.newestVerifiedId) {
    protections.push('newest verified backup');
    protectedBy.push('newest verified backup');
  }

  const { maxAgeDays } = ctx.policy;
  const age = ctx.now - backup.createdAt.getTime();
  const tooOld = maxAgeDays > 0 && age > maxAgeDays * DAY_MS;
  const maxAgeReason = `older than max age ${maxAgeDays} days`;
  const basis = statusBasis(backup, age, ctx);
  const result = (decision: RetentionVerdict, reasons: string[]): RetentionDecision => ({
    backupId: backup.backupId,
    createdAt: backup.createdAt,
    status: backup.status,
    decision,
    reasons,
  });

  if (protections.length > 0) {
    const overridden = tooOld ? [`${maxAgeReason} (overridden by ${protectedBy.join(' and ')})`] : [];
    return result('keep', [...protections, ...basis.reasons, ...overridden]);
  }
  if (tooOld) {
    const selected = backup.status === 'verified' && basis.keep;
    const overrides = selected ? ` (overrides ${basis.reasons.join(', ')})` : '';
    return result('remove', [...(basis.keep ? [] : basis.reasons), `${maxAgeReason}${overrides}`]);
  }
  return result(basis.keep ? 'keep' : 'remove', basis.reasons);
}

/** What the backup's status and the keep rules alone would decide, before hard rules and max age. */
function statusBasis(backup: BackupSummary, age: number, ctx: DecisionContext): { keep: boolean; reasons: string[] } {
  switch (backup.status) {
    case 'verified': {
      const matches = ctx.ruleReasons.get(backup.backupId) ?? [];
      return matches.length > 0 ? { keep: true, reasons: matches } : { keep: false, reasons: ['not selected by any keep rule'] };
    }
    case 'failed':
      return { keep: false, reasons: ['failed: not restorable, never counts toward keep rules'] };
    case 'unverified':
      return age < ctx.graceDays * DAY_MS
        ? { keep: true, reasons: [`unverified: kept while younger than ${ctx.graceDays} days, never counts toward keep rules`] }
        : { keep: false, reasons: [`unverified for more than ${ctx.graceDays} days: never counts toward keep rules`] };
    default:
      return assertNever(backup.status, 'backup status');
  }
}
