import { assessHealth, type HealthInput } from './assess-health';
import { backupRow, drillRow } from './testing/fixtures';

const now = new Date('2026-11-23T12:00:00.000Z');
const database = { projectId: 'demo-app', databaseId: '(default)' };
const base = (over: Partial<HealthInput> = {}): HealthInput => ({ now, rpoTargetHours: 24, database, backups: [backupRow(now, 2)], lastDrill: drillRow(now, 3, true), encryptionKeyConfigured: true, ...over });
const codes = (input: HealthInput) => assessHealth(input).reasons.map((r) => r.code);

describe('assessHealth', () => {
  it('says backups are not encrypted when no key is configured, even when all else is healthy', () => {
    const h = assessHealth(base({ encryptionKeyConfigured: false }));
    expect(h.status).toBe('warning');
    expect(h.reasons).toEqual([{ code: 'backups-not-encrypted', severity: 'warning', message: expect.stringMatching(/^backups are not encrypted: no BACKUP_ENCRYPTION_KEY configured/) }]);
  });

  it('is healthy with a fresh verified backup, good success rate and a recent passing drill', () => {
    const h = assessHealth(base({ backups: [backupRow(now, 2, { durationMs: 1000 }), backupRow(now, 26, { durationMs: 3000 })] }));
    expect(h.status).toBe('healthy');
    expect(h.reasons).toEqual([]);
    expect(h.rpo).toEqual({ targetHours: 24, withinTarget: true, lastSuccess: { backupId: 'b-2', jobId: 'backup-b-2', at: '2026-11-23T10:00:00.000Z', ageHours: 2 } });
    expect(h.window).toEqual({ days: 30, succeeded: 2, failed: 0, successRate: 1 });
    expect(h.averageDurationMs).toBe(2000);
    expect(h.lastDrill).toEqual({ drillId: 'drill-3', at: '2026-11-20T12:00:00.000Z', ok: true, failedStep: null, rtoMs: 4200, ageDays: 3 });
    expect(h.generatedAt).toBe(now.toISOString());
  });

  it('is critical without any verified backup', () => {
    const h = assessHealth(base({ backups: [backupRow(now, 1, { state: 'failed' })] }));
    expect(h.status).toBe('critical');
    expect(h.reasons.map((r) => r.code)).toEqual(['no-verified-backup', 'low-success-rate', 'latest-backup-failed']);
    expect(h.rpo).toEqual({ targetHours: 24, lastSuccess: null, withinTarget: false });
  });

  it('measures the RPO from recovery points only (whole database, this database, no safety backups)', () => {
    const routine = backupRow(now, 30, { id: 'routine' });
    const safety = backupRow(now, 1, { id: 'safety', trigger: 'safety:restore-1' });
    const partial = { ...backupRow(now, 2, { id: 'partial' }) };
    partial.result = { ...partial.result!, include: ['users'] };
    const other = { ...backupRow(now, 3, { id: 'other-db' }) };
    other.result = { ...other.result!, database: { projectId: 'demo-app', databaseId: 'staging' } };
    const h = assessHealth(base({ backups: [safety, partial, other, routine] }));
    expect(h.rpo.lastSuccess?.backupId).toBe('routine');
    expect(h.reasons.map((r) => r.code)).toContain('rpo-breached');
    expect(assessHealth(base({ backups: [safety, partial, other] })).reasons[0]).toMatchObject({ code: 'no-verified-backup', message: expect.stringMatching(/whole database/) });
  });

  it('is critical past the RPO target and a warning past 80 % of it, measured from the snapshot time', () => {
    expect(codes(base({ backups: [backupRow(now, 24.5)] }))).toEqual(['rpo-breached']);
    expect(assessHealth(base({ backups: [backupRow(now, 24.5)] })).status).toBe('critical');
    expect(codes(base({ backups: [backupRow(now, 20)] }))).toEqual(['rpo-at-risk']);
    expect(assessHealth(base({ backups: [backupRow(now, 20)] })).status).toBe('warning');
    expect(codes(base({ backups: [backupRow(now, 19.2)] }))).toEqual([]);
    expect(codes(base({ backups: [backupRow(now, 24)] }))).toEqual(['rpo-at-risk']);
  });

  it('warns when under 95 % of the last 30 days succeeded, ignoring cancelled runs and older failures', () => {
    const ok = Array.from({ length: 19 }, (_, i) => backupRow(now, 1 + i * 24));
    const oneFailure = [...ok, backupRow(now, 30, { state: 'failed', id: 'f1' })];
    expect(assessHealth(base({ backups: oneFailure })).window).toEqual({ days: 30, succeeded: 19, failed: 1, successRate: 0.95 });
    expect(codes(base({ backups: oneFailure }))).toEqual([]);
    const two = [...oneFailure, backupRow(now, 31, { state: 'failed', id: 'f2' }), backupRow(now, 32, { state: 'cancelled', id: 'c1' }), backupRow(now, 24 * 31, { state: 'failed', id: 'old' })];
    const h = assessHealth(base({ backups: two }));
    expect(h.window).toEqual({ days: 30, succeeded: 19, failed: 2, successRate: 0.9048 });
    expect(h.reasons).toEqual([{ code: 'low-success-rate', severity: 'warning', message: '90.5 % of backups succeeded in the last 30 days (target 95 %)' }]);
  });

  it('names the newest finished backup when it failed, even with a fresh verified one', () => {
    const h = assessHealth(base({ backups: [backupRow(now, 1, { state: 'failed' }), backupRow(now, 0.5, { state: 'running', id: 'r' }), backupRow(now, 3)] }));
    expect(h.latestAttempt).toEqual({ jobId: 'backup-b-1', backupId: 'b-1', state: 'failed', at: '2026-11-23T11:00:00.000Z', error: 'bucket unreachable' });
    expect(h.reasons.map((r) => r.code)).toContain('latest-backup-failed');
  });

  it('warns about a failed, stale or missing drill', () => {
    expect(codes(base({ lastDrill: drillRow(now, 1, false) }))).toEqual(['drill-failed']);
    expect(codes(base({ lastDrill: drillRow(now, 31, true) }))).toEqual(['drill-stale']);
    expect(codes(base({ lastDrill: drillRow(now, 30, true) }))).toEqual([]);
    expect(codes(base({ lastDrill: null }))).toEqual(['drill-missing']);
  });

  it('reports the size trend oldest first over the last 10 verified backups, and counts legal holds', () => {
    const rows = Array.from({ length: 12 }, (_, i) => backupRow(now, 1 + i, { bytes: 2000 - i * 100, legalHold: i === 11 }));
    const h = assessHealth(base({ backups: rows }));
    expect(h.sizeTrend.points.map((p) => p.bytes)).toEqual([1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000]);
    expect(h.sizeTrend.changePct).toBe(81.8);
    expect(h.legalHolds).toBe(1);
    expect(assessHealth(base({ backups: [backupRow(now, 1)] })).sizeTrend.changePct).toBeNull();
  });

  it('gives the earliest next run over enabled schedules and skips a bad cron', () => {
    const schedules = [
      { id: 'nightly', cron: '0 2 * * *', timeZone: 'UTC' },
      { id: 'hourly-off', cron: '0 * * * *', enabled: false },
      { id: 'broken', cron: 'not a cron' },
      { id: 'berlin', cron: '30 13 * * *', timeZone: 'Europe/Berlin' },
    ];
    expect(assessHealth(base({ schedules })).nextScheduledRun).toEqual({ scheduleId: 'berlin', at: '2026-11-23T12:30:00.000Z' });
    expect(assessHealth(base()).nextScheduledRun).toBeNull();
  });

  it('does not depend on the order of the catalog rows', () => {
    const rows = [backupRow(now, 5), backupRow(now, 1, { state: 'failed' }), backupRow(now, 2)];
    expect(assessHealth(base({ backups: rows }))).toEqual(assessHealth(base({ backups: [...rows].reverse() })));
  });
});
