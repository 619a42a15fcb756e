/**
 * Issue 15, findings 4 and 5, through the API on the real emulator.
 * 4: a restore never selects a control collection: `only: ['backup_logs']` is a 422 naming it before any job or safety
 *    backup, and a mirror of every collection leaves the audit trail alone (read back with the raw client).
 * 5: operators restore only into the staging target or a new database under BACKUP_OPERATOR_DATABASE_PREFIX; other
 *    targets need an admin (403); the control database is never a target, for anyone (422).
 */
import { Firestore } from '@google-cloud/firestore';

import { bucketSnapshot, call, createHarness, type Harness } from '@/lib/api/testing/route-harness';
import { firestoreEmulatorHost, testProjectId } from '@/test/emulator-env';

import * as root from './route';
import * as job from './jobs/[jobId]/route';

jest.setTimeout(180_000);

const API = '/api/admin/backup';

async function waitForJob(h: Harness, jobId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await call(job.GET, 'GET', `${API}/jobs/${jobId}`, { token: h.tokens.viewer, params: { jobId } });
    if (['succeeded', 'failed', 'cancelled'].includes(String(res.body.state))) return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(res.body.state)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function backUp(h: Harness, collections?: string[]): Promise<string> {
  const created = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'create_backup', method: 'logical', encrypt: false, ...(collections ? { collections } : {}) } });
  expect(created.status).toBe(202);
  const done = await waitForJob(h, String(created.body.jobId));
  expect(done.state).toBe('succeeded');
  return String((done.result as { backupId: string }).backupId);
}

const jobCount = async (h: Harness) => (await h.api.runtime.engine.jobs.store.list({ limit: 1000 })).length;

describe('control collections (the default: they live in the data database)', () => {
  let h: Harness;
  let db: Firestore;
  let backupId = '';
  /** The audit trail's entries (not its head), by id, read with the raw client. */
  const trail = async () => Object.fromEntries((await db.collection('backup_logs').get()).docs.filter((d) => d.id !== '_head').map((d) => [d.id, d.data()]));

  beforeAll(async () => {
    h = await createHarness('api-ctl', { env: { BACKUP_STAGING_TARGET: `project:${testProjectId('api-ctl-stg')}` }, rateLimit: { capacity: 1_000, refillPerSecond: 100 } });
    db = new Firestore({ projectId: h.projectId, host: firestoreEmulatorHost(), ssl: false });
    await Promise.all([db.doc('users/u1').set({ n: 1 }), db.doc('users/u2').set({ n: 2 })]);
    backupId = await backUp(h, ['users', 'backup_logs']); // a backup may name the trail; a restore never brings it back
  });
  afterAll(async () => {
    await db.terminate();
    await h.close();
  });

  it("disaster_recovery with only: ['backup_logs'] in mirror mode is a 422 naming the collection; no job, no safety backup, the trail intact", async () => {
    const before = await trail();
    const jobs = await jobCount(h);
    const bucket = bucketSnapshot(h.bucketDir);
    const res = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'disaster_recovery', backupId, confirm: h.projectId, mode: 'mirror', only: ['backup_logs'] } });
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'invalid_argument', details: { issues: [{ path: 'body.only.0', message: expect.stringContaining('names the control collection backup_logs') }] } } } });
    const staging = await call(root.POST, 'POST', API, { token: h.tokens.operator, body: { action: 'restore_to_staging', backupId, only: ['restore_jobs/**'] } });
    expect(staging).toMatchObject({ status: 422, body: { error: { details: { issues: [{ message: expect.stringContaining('restore_jobs') }] } } } });
    expect(await jobCount(h)).toBe(jobs);
    expect(bucketSnapshot(h.bucketDir)).toEqual(bucket);
    // Every entry is still there, unchanged; the refusals were appended after them.
    const after = await trail();
    expect(after).toMatchObject(before);
    expect(Object.keys(after).length).toBe(Object.keys(before).length + 2);
  });

  it("a mirror disaster_recovery of '*' restores the data and deletes no control document", async () => {
    await db.doc('users/u2').delete();
    const before = await trail();
    const res = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'disaster_recovery', backupId, confirm: h.projectId, mode: 'mirror', only: ['*'] } });
    expect(res.status).toBe(202);
    const done = await waitForJob(h, String(res.body.jobId));
    expect(done).toMatchObject({ state: 'succeeded', result: { verified: true } });
    expect((await db.doc('users/u2').get()).exists).toBe(true);
    expect(await trail()).toMatchObject(before);
    expect((await db.collection('backup_jobs').doc(`backup-${backupId}`).get()).exists).toBe(true);
  });
});

describe('who may restore where (control database apart from the data)', () => {
  let h: Harness;
  let backupId = '';
  const stagingProject = testProjectId('api-tgt-stg');
  const post = (who: 'operator' | 'admin', body: Record<string, unknown>) => call(root.POST, 'POST', API, { token: h.tokens[who], body: { action: 'restore_to_staging', backupId, ...body } });

  beforeAll(async () => {
    h = await createHarness('api-tgt', {
      env: { BACKUP_STAGING_TARGET: `project:${stagingProject}`, BACKUP_CONTROL_DATABASE_ID: 'backup-control', BACKUP_OPERATOR_DATABASE_PREFIX: 'restore-' },
      rateLimit: { capacity: 1_000, refillPerSecond: 100 },
    });
    const db = new Firestore({ projectId: h.projectId, host: firestoreEmulatorHost(), ssl: false });
    await db.doc('users/u1').set({ n: 1 });
    await db.terminate();
    backupId = await backUp(h);
  });
  afterAll(async () => h.close());

  it('an operator restores into the staging target (by name or by its address) and into a new database under the prefix', async () => {
    expect((await post('operator', { dryRun: true })).status).toBe(202);
    expect((await post('operator', { target: `project:${stagingProject}`, dryRun: true })).status).toBe(202);
    const res = await post('operator', { target: 'database:restore-x' });
    expect(res.status).toBe(202);
    const done = await waitForJob(h, String(res.body.jobId));
    expect({ state: done.state, error: done.error }).toEqual({ state: 'succeeded', error: null });
    expect(done).toMatchObject({ result: { targetDatabase: { databaseId: 'restore-x' } } });
  });

  it('an operator may not restore into another project, a database outside the prefix, or over a database that holds data (403, no job)', async () => {
    const jobs = await jobCount(h);
    for (const target of [`project:${testProjectId('api-tgt-other')}`, 'database:prod-copy', `project:${h.projectId}/prod-copy`, 'database:restore-x']) {
      const res = await post('operator', { target, dryRun: true });
      expect({ target, status: res.status, code: (res.body.error as { code?: string }).code }).toEqual({ target, status: 403, code: 'permission_denied' });
      expect(String((res.body.error as { message: string }).message)).toContain('needs the admin role');
    }
    expect(String(((await post('operator', { target: 'database:restore-x' })).body.error as { message: string }).message)).toContain('already holds data');
    expect(await jobCount(h)).toBe(jobs);
  });

  it('an admin restores into any other project or database', async () => {
    expect((await post('admin', { target: `project:${testProjectId('api-tgt-other')}`, dryRun: true })).status).toBe(202);
    expect((await post('admin', { target: 'database:prod-copy', dryRun: true })).status).toBe(202);
  });

  it('nobody restores into the control database: 422 naming it, before any role question', async () => {
    const jobs = await jobCount(h);
    for (const who of ['operator', 'admin'] as const) {
      const res = await post(who, { target: 'database:backup-control', dryRun: true });
      expect(res).toMatchObject({ status: 422, body: { error: { code: 'invalid_argument', message: expect.stringContaining('is the control database'), details: { issues: [{ path: 'body.target' }] } } } });
    }
    expect(await jobCount(h)).toBe(jobs);
  });
});
