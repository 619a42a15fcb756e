/**
 * Restores through the API on the real emulator, over a small seeded demo dataset: an operator's staging restore
 * runs to succeeded with a diff, a dry run reports the diff and writes nothing, and a production restore is refused
 * (and audited as refused) without the typed project id, then with `requireSecondApproval` waits queued until another
 * admin approves it — never the requester — and restores production after a safety backup.
 */
import { Firestore } from '@google-cloud/firestore';

import { call, createHarness, type Harness } from '@/lib/api/testing/route-harness';
import { seedDemoData } from '@/lib/demo/seed-demo-data';
import { firestoreEmulatorHost, testProjectId } from '@/test/emulator-env';

import * as root from './route';
import * as job from './jobs/[jobId]/route';
import * as restores from './restores/route';
import * as restore from './restores/[restoreId]/route';

jest.setTimeout(240_000);

const API = '/api/admin/backup';
const stagingProject = testProjectId('api-rs-stg');
let h: Harness;
let source: Firestore;
let staging: Firestore;
let backupId = '';
let seeded = 0;

async function waitForJob(jobId: string, until: (state: string) => boolean = (s) => ['succeeded', 'failed', 'cancelled'].includes(s)): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const res = await call(job.GET, 'GET', `${API}/jobs/${jobId}`, { token: h.tokens.viewer, params: { jobId } });
    expect(res.status).toBe(200);
    if (until(String(res.body.state))) return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(res.body.state)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Documents per root collection (control collections aside). */
async function rootCounts(db: Firestore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of await db.listCollections()) if (!c.id.startsWith('backup_') && c.id !== 'restore_jobs') out[c.id] = (await c.count().get()).data().count;
  return out;
}

async function countDocs(db: Firestore): Promise<number> {
  return Object.values(await rootCounts(db)).reduce((a, b) => a + b, 0);
}

beforeAll(async () => {
  h = await createHarness('api-restore', { env: { BACKUP_STAGING_TARGET: `project:${stagingProject}`, BACKUP_REQUIRE_SECOND_APPROVAL: 'true' }, rateLimit: { capacity: 1_000, refillPerSecond: 100 } });
  source = new Firestore({ projectId: h.projectId, host: firestoreEmulatorHost(), ssl: false });
  staging = new Firestore({ projectId: stagingProject, host: firestoreEmulatorHost(), ssl: false });
  seeded = await seedDemoData(source, { documents: 120, seed: 7, projectId: h.projectId });
  const created = await call(root.POST, 'POST', API, { token: h.tokens.operator, body: { action: 'create_backup', method: 'logical' } });
  expect(created.status).toBe(202);
  const done = await waitForJob(String(created.body.jobId));
  expect(done.state).toBe('succeeded');
  backupId = String((done.result as { backupId: string }).backupId);
});
afterAll(async () => {
  await Promise.all([source.terminate(), staging.terminate()]);
  await h.close();
});

it('a dry run reports the diff and writes nothing into staging', async () => {
  const res = await call(root.POST, 'POST', API, { token: h.tokens.operator, body: { action: 'restore_to_staging', backupId, dryRun: true } });
  expect(res.status).toBe(202);
  const done = await waitForJob(String(res.body.jobId));
  expect(done).toMatchObject({ state: 'succeeded', kind: 'restore', result: { dryRun: true, written: 0, totals: { created: seeded, changed: 0, deleted: 0 } } });
  expect((done.result as { diff: Record<string, unknown> }).diff).toHaveProperty('users');
  expect(await countDocs(staging)).toBe(0);
});

it('an operator restores into staging: 202, then succeeded with a diff, verified, and the documents are there', async () => {
  const res = await call(root.POST, 'POST', API, { token: h.tokens.operator, body: { action: 'restore_to_staging', backupId } });
  expect(res.status).toBe(202);
  const jobId = String(res.body.jobId);
  const done = await waitForJob(jobId);
  expect(done).toMatchObject({ state: 'succeeded', result: { dryRun: false, written: seeded, verified: true, targetDatabase: { projectId: stagingProject } } });
  // Root collections only (a second path to the data, not the engine's reader); subcollections are in `written`.
  expect(await rootCounts(staging)).toEqual(await rootCounts(source));
  expect((await staging.doc('types/all-values').get()).get('int64Max')).toEqual((await source.doc('types/all-values').get()).get('int64Max'));
  // References were moved to staging (rewriteReferences defaults to on).
  const order = (await staging.collection('orders').limit(1).get()).docs[0];
  expect(JSON.stringify(order?.data())).not.toContain(h.projectId);
  const list = await call(restores.GET, 'GET', `${API}/restores?limit=10`, { token: h.tokens.viewer });
  expect((list.body.items as { id: string }[]).map((j) => j.id)).toContain(jobId);
  const detail = await call(restore.GET, 'GET', `${API}/restores/${jobId}`, { token: h.tokens.viewer, params: { restoreId: jobId } });
  expect(detail).toMatchObject({ status: 200, body: { id: jobId, kind: 'restore', state: 'succeeded' } });
  const bare = jobId.slice('restore-'.length);
  expect((await call(restore.GET, 'GET', `${API}/restores/${bare}`, { token: h.tokens.viewer, params: { restoreId: bare } })).body).toMatchObject({ id: jobId });
});

it('an operator may not restore into production, and a staging restore onto production is refused', async () => {
  const dr = await call(root.POST, 'POST', API, { token: h.tokens.operator, body: { action: 'disaster_recovery', backupId, confirm: h.projectId } });
  expect(dr.status).toBe(403);
  const onto = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'restore_to_staging', backupId, target: `project:${h.projectId}` } });
  expect(onto).toMatchObject({ status: 409, body: { error: { code: 'failed_precondition' } } });
});

it('disaster recovery without or with a wrong confirmation is refused and audited as refused; nothing is enqueued', async () => {
  const before = await h.api.runtime.engine.jobs.store.list({ kinds: ['restore'], limit: 100 });
  const missing = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'disaster_recovery', backupId } });
  expect(missing.status).toBe(422);
  const wrong = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'disaster_recovery', backupId, confirm: 'demo-some-other' } });
  expect(wrong).toMatchObject({ status: 422, body: { error: { code: 'invalid_argument', details: { issues: [{ path: 'body.confirm' }] } } } });
  expect(await h.api.runtime.engine.jobs.store.list({ kinds: ['restore'], limit: 100 })).toHaveLength(before.length);
  const audit = await h.api.audit.list({ action: 'restore.production', limit: 10 });
  expect(audit.slice(0, 2).map((e) => [e.outcome, e.actor])).toEqual([
    ['refused', expect.objectContaining({ uid: h.uids.admin })],
    ['refused', expect.objectContaining({ uid: h.uids.admin })],
  ]);
  expect(audit[0]?.reason).toContain('invalid_argument');
});

it('with the right confirmation the restore waits for a second admin, then restores production after a safety backup', async () => {
  // Damage production: one document changed, one deleted.
  await source.doc('types/all-values').update({ string: 'corrupted' });
  const victim = (await source.collection('users').limit(1).get()).docs[0];
  await victim?.ref.delete();
  const res = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'disaster_recovery', backupId, confirm: h.projectId } });
  expect(res).toMatchObject({ status: 202, body: { state: 'queued', awaitingApproval: true } });
  const jobId = String(res.body.jobId);
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await h.api.runtime.engine.getJob(jobId)).state).toBe('queued');
  // What the portal lists as waiting for a second admin.
  const waiting = await call(restores.GET, 'GET', `${API}/restores?state=queued`, { token: h.tokens.viewer });
  expect((waiting.body.items as { id: string; approval: unknown }[]).find((j) => j.id === jobId)?.approval).toEqual({ required: true, approvedBy: null });
  const self = await call(root.POST, 'POST', API, { token: h.tokens.admin, body: { action: 'approve_restore', restoreId: jobId, confirm: h.projectId } });
  expect(self).toMatchObject({ status: 403, body: { error: { code: 'permission_denied' } } });
  const second = await h.account('second-admin', { admin: true });
  const badConfirm = await call(root.POST, 'POST', API, { token: second.token, body: { action: 'approve_restore', restoreId: jobId, confirm: 'nope' } });
  expect(badConfirm.status).toBe(422);
  expect((await h.api.runtime.engine.getJob(jobId)).state).toBe('queued');
  const approved = await call(root.POST, 'POST', API, { token: second.token, body: { action: 'approve_restore', restoreId: jobId, confirm: h.projectId } });
  expect(approved.status).toBe(200);
  const done = await waitForJob(jobId);
  expect(done).toMatchObject({ state: 'succeeded', result: { verified: true, safetyBackupId: expect.any(String) } });
  expect((await source.doc('types/all-values').get()).get('string')).not.toBe('corrupted');
  expect((await victim?.ref.get())?.exists).toBe(true);
  const again = await call(root.POST, 'POST', API, { token: second.token, body: { action: 'approve_restore', restoreId: jobId, confirm: h.projectId } });
  expect(again.status).toBe(409);
  const audit = await h.api.audit.list({ action: 'restore.approve', limit: 10 });
  expect(audit.map((e) => e.outcome)).toEqual(['refused', 'ok', 'refused', 'refused']);
});
