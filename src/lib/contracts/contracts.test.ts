import { ACTION_BODIES, ADMIN_ACTIONS, backupRef, createBackupRequest, listBackupsQuery, parseRestoreTarget, restoreToStagingRequest, disasterRecoveryRequest, scheduleSchema, retentionPolicySchema, safeId } from '.';

describe('safeId', () => {
  it.each(['20261123T191500Z-3f9a1c', 'backup-abc_1.2', 'a'])('accepts %s', (id) => expect(safeId.safeParse(id).success).toBe(true));
  it.each(['../x', '..', 'a/../b', 'a/b', '.hidden', '', 'a..b', 'x'.repeat(129), 'id with space', 'é'])('refuses %j', (id) => {
    expect(safeId.safeParse(id).success).toBe(false);
  });
});

it('create_backup: defaults the method, refuses unknown fields, bad patterns and huge strings', () => {
  expect(createBackupRequest.parse({})).toEqual({ method: 'logical' });
  expect(createBackupRequest.safeParse({ method: 'managed', collections: ['users', 'users/*/events', 'logs/**'] }).success).toBe(true);
  expect(createBackupRequest.safeParse({ extra: 1 }).success).toBe(false);
  expect(createBackupRequest.safeParse({ collections: ['users/../secrets'] }).success).toBe(false);
  expect(createBackupRequest.safeParse({ collections: ['x'.repeat(100_000)] }).success).toBe(false);
  expect(createBackupRequest.safeParse({ method: 'zip' }).success).toBe(false);
  expect(createBackupRequest.safeParse({ database: '../default' }).success).toBe(false);
});

it('list query coerces limit and refuses out-of-range values', () => {
  expect(listBackupsQuery.parse({ limit: '5', state: 'succeeded' })).toEqual({ limit: 5, state: 'succeeded' });
  expect(listBackupsQuery.safeParse({ limit: '0' }).success).toBe(false);
  expect(listBackupsQuery.safeParse({ limit: '101' }).success).toBe(false);
  expect(listBackupsQuery.safeParse({ cursor: 'a/b' }).success).toBe(false);
});

describe('restore targets', () => {
  it.each([
    ['staging', { kind: 'staging' }],
    ['production', { kind: 'production' }],
    ['database:restore-test', { kind: 'database', databaseId: 'restore-test' }],
    ['project:demo-staging', { kind: 'project', projectId: 'demo-staging', databaseId: '(default)' }],
    ['project:demo-staging/copy-db', { kind: 'project', projectId: 'demo-staging', databaseId: 'copy-db' }],
  ])('parses %s', (text, expected) => expect(parseRestoreTarget(text)).toEqual(expected));
  it.each(['prod', 'database:../x', 'project:UPPER', 'project:demo-x/../y', ''])('refuses %j', (text) => expect(parseRestoreTarget(text)).toBeUndefined());

  it('a staging restore may not target production; a DR needs a confirmation and a safety backup', () => {
    expect(restoreToStagingRequest.safeParse({ backupId: 'b1', target: 'production' }).success).toBe(false);
    expect(restoreToStagingRequest.parse({ backupId: 'b1' })).toMatchObject({ target: 'staging', mode: 'overwrite', dryRun: false });
    expect(disasterRecoveryRequest.safeParse({ backupId: 'b1' }).success).toBe(false);
    expect(disasterRecoveryRequest.safeParse({ backupId: 'b1', confirm: 'p', safetyBackup: false }).success).toBe(false);
    expect(disasterRecoveryRequest.safeParse({ backupId: 'b1', confirm: 'p', safetyBackup: false, dryRun: true }).success).toBe(true);
  });

  it('a restore never selects a control collection: the issue names the pattern and the collection (issue 15, finding 4)', () => {
    const r = disasterRecoveryRequest.safeParse({ backupId: 'b1', confirm: 'p', mode: 'mirror', only: ['users', 'backup_logs'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['only', 1], message: expect.stringContaining('"backup_logs" names the control collection backup_logs') })]);
    expect(restoreToStagingRequest.safeParse({ backupId: 'b1', only: ['backup_config/alerting/incidents'] }).success).toBe(false);
    expect(restoreToStagingRequest.safeParse({ backupId: 'b1', only: ['users/u1/backup_logs'] }).success).toBe(true);
  });
});

it('schedules check the cron expression and the time zone', () => {
  const ok = { id: 'nightly', cron: '0 3 * * *', timeZone: 'Europe/Berlin', method: 'logical', rpoTargetHours: 24, enabled: true };
  expect(scheduleSchema.parse(ok)).toEqual({ ...ok, include: [], exclude: [] });
  // The engine's schedule ids (backup_config/schedule-<id>): no dots, at most 64 characters.
  expect(scheduleSchema.safeParse({ ...ok, id: 'night.ly' }).success).toBe(false);
  expect(scheduleSchema.safeParse({ ...ok, id: 'n'.repeat(65) }).success).toBe(false);
  expect(scheduleSchema.safeParse({ ...ok, cron: '61 * * * *' }).success).toBe(false);
  expect(scheduleSchema.safeParse({ ...ok, timeZone: 'Mars/Olympus' }).success).toBe(false);
});

it('retention keeps at least one backup', () => {
  expect(retentionPolicySchema.safeParse({ keepLast: 0, daily: 1, weekly: 1, monthly: 1, maxAgeDays: 0 }).success).toBe(false);
  expect(retentionPolicySchema.safeParse({ keepLast: 1, daily: 1, weekly: 1, monthly: 1, maxAgeDays: 0 }).success).toBe(true);
});

it('every action has a strict body schema that refuses an extra field', () => {
  for (const action of ADMIN_ACTIONS) {
    const r = ACTION_BODIES[action].safeParse({ surprise: true });
    expect(r.success).toBe(false);
  }
  expect(backupRef.safeParse({ backupId: 'b', more: 1 }).success).toBe(false);
});
