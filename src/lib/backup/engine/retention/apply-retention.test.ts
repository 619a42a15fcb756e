import { isEngineError } from '../../errors';
import { applyRetention } from './apply-retention';
import { explainRetention } from './explain-retention';
import { isoWeekLabel, periodLabels } from './periods';
import type { BackupSummary, RetentionPolicy } from './retention-policy';

const NOW = new Date('2026-11-23T12:00:00Z');
const POLICY: RetentionPolicy = { keepLast: 2, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0 };

function b(backupId: string, createdAt: string, extra: Partial<BackupSummary> = {}): BackupSummary {
  return { backupId, createdAt: new Date(createdAt), status: 'verified', method: 'logical', ...extra };
}

function verdicts(backups: BackupSummary[], policy = POLICY, opts = {}): Record<string, string> {
  return Object.fromEntries(applyRetention(backups, policy, NOW, opts).map((d) => [d.backupId, d.decision]));
}

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(isEngineError(err, 'invalid_argument')).toBe(true);
    expect((err as Error).message).toMatch(pattern);
    return;
  }
  throw new Error('expected invalid_argument');
}

describe('applyRetention rules', () => {
  it('returns decisions newest first whatever the input order', () => {
    const backups = [b('a', '2026-11-20T00:00:00Z'), b('c', '2026-11-22T00:00:00Z'), b('b', '2026-11-21T00:00:00Z')];
    expect(applyRetention(backups, POLICY, NOW).map((d) => [d.backupId, d.decision])).toEqual([
      ['c', 'keep'],
      ['b', 'keep'],
      ['a', 'remove'],
    ]);
  });

  it('does not let failed or unverified backups take keep-last slots', () => {
    const backups = [
      b('new-failed', '2026-11-23T00:00:00Z', { status: 'failed' }),
      b('new-unverified', '2026-11-22T12:00:00Z', { status: 'unverified' }),
      b('v1', '2026-11-22T00:00:00Z'),
      b('v2', '2026-11-21T00:00:00Z'),
      b('v3', '2026-11-20T00:00:00Z'),
    ];
    expect(verdicts(backups)).toEqual({ 'new-failed': 'remove', 'new-unverified': 'keep', v1: 'keep', v2: 'keep', v3: 'remove' });
  });

  it('keeps unverified backups for the configured grace only', () => {
    const backups = [b('v', '2026-11-23T00:00:00Z'), b('u', '2026-11-20T13:00:00Z', { status: 'unverified' })];
    expect(verdicts(backups, POLICY, { unverifiedGraceDays: 3 }).u).toBe('keep');
    expect(verdicts(backups, POLICY, { unverifiedGraceDays: 2 }).u).toBe('remove');
  });

  it('keeps the newest verified backup even when it is past max age and no rule selects it', () => {
    const backups = [b('old', '2020-01-01T00:00:00Z'), b('failed', '2026-11-23T00:00:00Z', { status: 'failed' })];
    const [failed, old] = applyRetention(backups, { ...POLICY, maxAgeDays: 30 }, NOW);
    expect(failed?.decision).toBe('remove');
    expect(old).toMatchObject({ decision: 'keep', reasons: ['newest verified backup', 'last 2 (#1)', 'older than max age 30 days (overridden by newest verified backup)'] });
  });

  it('a legal hold keeps a backup past max age and says who set it', () => {
    const hold = { reason: 'case 12', setBy: 'legal@example.com', setAt: new Date('2026-01-02T03:04:05Z') };
    const backups = [b('new', '2026-11-23T00:00:00Z'), b('mid', '2026-11-22T00:00:00Z'), b('held', '2024-01-01T00:00:00Z', { legalHold: hold })];
    const decisions = applyRetention(backups, { ...POLICY, keepLast: 1, maxAgeDays: 100 }, NOW);
    expect(decisions.find((d) => d.backupId === 'held')).toMatchObject({
      decision: 'keep',
      reasons: ['legal hold: case 12 (set by legal@example.com on 2026-01-02)', 'not selected by any keep rule', 'older than max age 100 days (overridden by legal hold)'],
    });
    expect(decisions.find((d) => d.backupId === 'mid')?.decision).toBe('remove');
  });

  it('measures days in the configured time zone', () => {
    // 03:00 UTC on the 23rd is still the 22nd in New York: two backups on the same New York day.
    const backups = [b('late', '2026-11-23T03:00:00Z'), b('early', '2026-11-22T15:00:00Z')];
    const daily: RetentionPolicy = { keepLast: 0, daily: 2, weekly: 0, monthly: 0, maxAgeDays: 0 };
    expect(verdicts(backups, daily)).toEqual({ late: 'keep', early: 'keep' });
    expect(verdicts(backups, daily, { timeZone: 'America/New_York' })).toEqual({ late: 'keep', early: 'remove' });
  });

  it('returns nothing for no backups', () => {
    expect(applyRetention([], POLICY, NOW)).toEqual([]);
    expect(explainRetention([])).toBe('no backups: nothing to keep or remove\n');
  });
});

describe('applyRetention input checks', () => {
  it('refuses a policy that keeps nothing, or negative and fractional counts', () => {
    expectInvalid(() => applyRetention([], { ...POLICY, keepLast: 0 }, NOW), /keeps nothing/);
    expectInvalid(() => applyRetention([], { ...POLICY, daily: -1 }, NOW), /daily must be a non-negative integer/);
    expectInvalid(() => applyRetention([], { ...POLICY, maxAgeDays: 1.5 }, NOW), /maxAgeDays/);
  });

  it('refuses repeated ids, invalid dates and unknown zones', () => {
    expectInvalid(() => applyRetention([b('x', '2026-01-01T00:00:00Z'), b('x', '2026-01-02T00:00:00Z')], POLICY, NOW), /"x"/);
    expectInvalid(() => applyRetention([b('x', 'not a date')], POLICY, NOW), /invalid createdAt/);
    expectInvalid(() => applyRetention([], POLICY, NOW, { timeZone: 'Nowhere/City' }), /unknown time zone/);
  });
});

describe('periods', () => {
  it.each([
    [2026, 11, 23, '2026-W48'],
    [2026, 11, 22, '2026-W47'],
    [2027, 1, 1, '2026-W53'],
    [2024, 12, 30, '2025-W01'],
    [2021, 1, 3, '2020-W53'],
    [2024, 2, 29, '2024-W09'],
  ])('%i-%i-%i is in ISO week %s', (year, month, day, label) => {
    expect(isoWeekLabel(year, month, day)).toBe(label);
  });

  it('labels day, week and month on the zone’s calendar', () => {
    expect(periodLabels(new Date('2027-01-01T03:00:00Z'), 'America/New_York')).toEqual({ day: '2026-12-31', week: '2026-W53', month: '2026-12' });
    expect(periodLabels(new Date('2027-01-01T03:00:00Z'), 'UTC')).toEqual({ day: '2027-01-01', week: '2026-W53', month: '2027-01' });
  });
});
