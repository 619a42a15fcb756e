/**
 * Callers below admin do not learn where a `file://` bucket sits on the server's disk (issue 15, finding 8c): the
 * catalog location, the job result and the drill's readiness hints show `file://…/<folder>`; admins see the path.
 */
import { basename } from 'node:path';

import { call, createHarness, type Harness } from '@/lib/api/testing/route-harness';
import { testProjectId } from '@/test/emulator-env';

import * as root from './route';
import * as backups from './backups/route';
import * as backup from './backups/[backupId]/route';
import * as drills from './drills/route';
import * as job from './jobs/[jobId]/route';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-paths', { env: { BACKUP_STAGING_TARGET: `project:${testProjectId('api-paths-stg')}` } });
  await h.api.runtime.control.doc('users/u1').set({ name: 'one' });
});
afterAll(async () => h.close());

async function finished(jobId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await call(job.GET, 'GET', `/api/admin/backup/jobs/${jobId}`, { token: h.tokens.admin, params: { jobId } });
    if (['succeeded', 'failed', 'cancelled'].includes(String(res.body.state))) return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(res.body.state)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('viewers and operators see the bucket folder, admins the server path', async () => {
  const started = await call(backups.POST, 'POST', '/api/admin/backup/backups', { token: h.tokens.operator, body: { method: 'logical' } });
  expect(started.status).toBe(202);
  const jobId = String(started.body.jobId);
  const done = await finished(jobId);
  expect(done).toMatchObject({ state: 'succeeded' });
  const backupId = String((done.result as { backupId: string }).backupId);
  const drill = await call(root.POST, 'POST', '/api/admin/backup', { token: h.tokens.operator, body: { action: 'run_drill', collections: ['users'] } });
  expect(drill.status).toBe(202);
  expect(await finished(String(drill.body.jobId))).toMatchObject({ state: 'succeeded' });

  const reads = (token: string | undefined) =>
    Promise.all([
      call(backups.GET, 'GET', '/api/admin/backup/backups', { token }),
      call(backup.GET, 'GET', `/api/admin/backup/backups/${backupId}`, { token, params: { backupId } }),
      call(job.GET, 'GET', `/api/admin/backup/jobs/${jobId}`, { token, params: { jobId } }),
      call(root.GET, 'GET', '/api/admin/backup', { token }),
      call(drills.GET, 'GET', '/api/admin/backup/drills', { token }),
    ]);
  const folder = `file://…/${basename(h.bucketDir)}`;
  for (const who of ['viewer', 'operator'] as const) {
    const text = JSON.stringify((await reads(h.tokens[who])).map((r) => r.body));
    expect(text).not.toContain(h.bucketDir);
    expect(text).toContain(`"location":"${folder}/${h.projectId}/(default)/${backupId}/"`);
    expect(text).toContain(`${folder}: a probe object was written`);
  }
  const adminText = JSON.stringify((await reads(h.tokens.admin)).map((r) => r.body));
  expect(adminText).toContain(`"location":"file://${h.bucketDir}/${h.projectId}/(default)/${backupId}/"`);
});
