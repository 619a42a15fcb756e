/**
 * Encryption through the API (issue 15, finding 7): with no key configured, a create_backup that insists on
 * encryption (or asks a managed export to be encrypted) answers 422 naming BACKUP_ENCRYPTION_KEY, and no job or
 * object is created; the default is accepted and its result says why the backup is not encrypted.
 */
import { backupDataSnapshot, call, createHarness, type Harness } from '@/lib/api/testing/route-harness';

import * as root from './route';
import * as backups from './backups/route';
import * as job from './jobs/[jobId]/route';

jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-encrypt');
  await h.api.runtime.control.doc('users/u1').set({ name: 'one' });
});
afterAll(async () => h.close());

const backupJobs = async () => (await h.api.runtime.control.collection('backup_jobs').get()).size;

it.each([
  ['/api/admin/backup/backups', { method: 'logical', encrypt: true }, backups.POST, /BACKUP_ENCRYPTION_KEY/],
  ['/api/admin/backup', { action: 'create_backup', method: 'logical', encrypt: true }, root.POST, /BACKUP_ENCRYPTION_KEY/],
  ['/api/admin/backup/backups', { method: 'managed', encrypt: true }, backups.POST, /managed backup cannot be encrypted/],
])('POST %s %j without a key: 422, no job, nothing written', async (path, body, handler, message) => {
  const [jobsBefore, filesBefore] = [await backupJobs(), backupDataSnapshot(h.bucketDir)];
  const res = await call(handler, 'POST', path, { token: h.tokens.operator, body });
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ error: { code: 'invalid_argument', message: expect.stringMatching(message) } });
  expect(await backupJobs()).toBe(jobsBefore);
  expect(backupDataSnapshot(h.bucketDir)).toEqual(filesBefore);
});

it('the default is accepted, and the finished backup says it is not encrypted because no key is configured', async () => {
  const res = await call(backups.POST, 'POST', '/api/admin/backup/backups', { token: h.tokens.operator, body: { method: 'logical' } });
  expect(res.status).toBe(202);
  const jobId = String(res.body.jobId);
  const deadline = Date.now() + 120_000;
  let view = (await call(job.GET, 'GET', `/api/admin/backup/jobs/${jobId}`, { token: h.tokens.viewer, params: { jobId } })).body;
  while (!['succeeded', 'failed', 'cancelled'].includes(String(view.state)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    view = (await call(job.GET, 'GET', `/api/admin/backup/jobs/${jobId}`, { token: h.tokens.viewer, params: { jobId } })).body;
  }
  expect(view).toMatchObject({ state: 'succeeded', result: { encrypted: false, keyId: null, notEncryptedReason: 'no_key_configured' } });
});
