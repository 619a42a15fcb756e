import { readinessChecklist, type ReadinessInput } from './readiness';

const now = new Date('2026-11-23T12:00:00.000Z');
const ready: ReadinessInput = {
  now,
  rpoTargetHours: 24,
  bucketReachable: true,
  bucketUrl: 'gs://acme-backups',
  encryptionConfigured: true,
  newestRoutineBackup: { backupId: 'b1', snapshotTime: '2026-11-23T06:00:00.000Z' },
  restoreRehearsed: true,
  source: { projectId: 'acme-prod', databaseId: '(default)' },
  staging: { projectId: 'acme-staging', databaseId: '(default)' },
  alertWebhookConfigured: true,
  retention: { keepLast: 7, daily: 14, weekly: 8, monthly: 12, maxAgeDays: 400 },
  dueForPruning: 2,
  schedules: [{ id: 'nightly', cron: '0 2 * * *' }],
};
const failing = (input: ReadinessInput) => readinessChecklist(input).filter((c) => !c.ok).map((c) => c.id);

describe('readinessChecklist', () => {
  it('passes every check of a production-ready setup, in a fixed order, with hints that say why', () => {
    const items = readinessChecklist(ready);
    expect(items.map((c) => [c.id, c.ok])).toEqual([
      ['bucket-reachable', true],
      ['encryption', true],
      ['recent-verified-backup', true],
      ['restore-rehearsed', true],
      ['staging-isolated', true],
      ['alert-webhook', true],
      ['retention', true],
      ['schedules', true],
    ]);
    expect(items.find((c) => c.id === 'recent-verified-backup')?.hint).toBe('backup b1 is 6.0 h old');
    expect(items.find((c) => c.id === 'retention')?.hint).toBe('keep last 7, 14 daily, 8 weekly, 12 monthly, max 400 days; 2 backup(s) due for pruning');
    expect(items.find((c) => c.id === 'schedules')?.hint).toBe('1 enabled; next run 2026-11-24T02:00:00.000Z (nightly)');
  });

  it('fails each check on its own condition, with a hint saying what to do', () => {
    expect(failing({ ...ready, bucketReachable: false })).toEqual(['bucket-reachable']);
    expect(failing({ ...ready, bucketReachable: null })).toEqual(['bucket-reachable']);
    expect(failing({ ...ready, encryptionConfigured: false })).toEqual(['encryption']);
    expect(failing({ ...ready, newestRoutineBackup: null })).toEqual(['recent-verified-backup']);
    expect(failing({ ...ready, newestRoutineBackup: { backupId: 'old', snapshotTime: '2026-11-22T11:00:00.000Z' } })).toEqual(['recent-verified-backup']);
    expect(failing({ ...ready, restoreRehearsed: false })).toEqual(['restore-rehearsed']);
    expect(failing({ ...ready, staging: null })).toEqual(['staging-isolated']);
    expect(failing({ ...ready, staging: { projectId: 'acme-prod', databaseId: 'staging' } })).toEqual(['staging-isolated']);
    expect(failing({ ...ready, alertWebhookConfigured: false })).toEqual(['alert-webhook']);
    expect(failing({ ...ready, retention: null })).toEqual(['retention']);
    expect(failing({ ...ready, schedules: [] })).toEqual(['schedules']);
    expect(failing({ ...ready, schedules: [{ id: 'x', cron: '0 2 * * *', enabled: false }, { id: 'y', cron: 'nope' }] })).toEqual(['schedules']);
  });

  it('explains an invalid retention policy with the policy check message', () => {
    const item = readinessChecklist({ ...ready, retention: { keepLast: 0, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 10 } }).find((c) => c.id === 'retention');
    expect(item).toMatchObject({ ok: false, hint: expect.stringContaining('keeps nothing') });
    const staging = readinessChecklist({ ...ready, staging: { projectId: 'acme-prod', databaseId: 'staging' } }).find((c) => c.id === 'staging-isolated');
    expect(staging?.hint).toContain('inside the production project');
  });
});
