/**
 * The happy path through the API on the real emulator: an operator starts a managed backup (202 + jobId), the
 * in-process worker runs it to `succeeded`, and the list, detail (with the manifest from the bucket), verify,
 * dashboard and audit routes show it; the audit chain verifies.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { call, createHarness, type Harness } from '@/lib/api/testing/route-harness';

import * as root from './route';
import * as audit from './audit/route';
import * as auditVerify from './audit/verify/route';
import * as backups from './backups/route';
import * as backup from './backups/[backupId]/route';
import * as verify from './backups/[backupId]/verify/route';
import * as job from './jobs/[jobId]/route';
import * as cancel from './jobs/[jobId]/cancel/route';

jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-flow');
  const db = h.api.runtime.control;
  await Promise.all(Array.from({ length: 20 }, (_, i) => db.doc(`users/u${i}`).set({ name: `user ${i}`, n: i })));
});
afterAll(async () => h.close());

async function waitForJob(jobId: string, token: string | undefined): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await call(job.GET, 'GET', `/api/admin/backup/jobs/${jobId}`, { token, params: { jobId } });
    expect(res.status).toBe(200);
    if (['succeeded', 'failed', 'cancelled'].includes(String(res.body.state))) return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(res.body.state)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let backupId = '';
let jobId = '';

it('an operator starts a managed backup: 202 with a job id that the worker runs to succeeded', async () => {
  const res = await call(backups.POST, 'POST', '/api/admin/backup/backups', { token: h.tokens.operator, body: { method: 'managed' } });
  expect(res.status).toBe(202);
  jobId = String(res.body.jobId);
  expect(res.body).toMatchObject({ state: 'queued', statusUrl: `/api/admin/backup/jobs/${jobId}` });
  const done = await waitForJob(jobId, h.tokens.viewer);
  expect(done).toMatchObject({ state: 'succeeded', kind: 'backup', requestedBy: { uid: h.uids.operator, role: 'operator' }, result: { method: 'managed', verified: true } });
  expect(done).not.toHaveProperty('lease');
  backupId = String((done.result as { backupId: string }).backupId);
  expect(existsSync(join(h.bucketDir, h.projectId, '(default)', backupId, 'manifest.json'))).toBe(true);
});

it('lists, pages and filters backups', async () => {
  const second = await call(root.POST, 'POST', '/api/admin/backup', { token: h.tokens.admin, body: { action: 'create_backup', method: 'managed', idempotencyKey: 'flow-second' } });
  expect(second.status).toBe(202);
  await waitForJob(String(second.body.jobId), h.tokens.admin);
  const all = await call(backups.GET, 'GET', '/api/admin/backup/backups', { token: h.tokens.viewer });
  const ids = (all.body.items as { jobId: string }[]).map((b) => b.jobId);
  expect(ids).toEqual([String(second.body.jobId), jobId]);
  const page1 = await call(backups.GET, 'GET', '/api/admin/backup/backups?limit=1', { token: h.tokens.viewer });
  expect((page1.body.items as { jobId: string }[]).map((b) => b.jobId)).toEqual([ids[0]]);
  const cursor = String(page1.body.nextCursor);
  const page2 = await call(backups.GET, 'GET', `/api/admin/backup/backups?limit=1&cursor=${cursor}`, { token: h.tokens.viewer });
  expect(page2.body).toMatchObject({ items: [{ jobId: ids[1] }], nextCursor: null });
  const logical = await call(backups.GET, 'GET', '/api/admin/backup/backups?method=logical', { token: h.tokens.viewer });
  expect(logical.body).toEqual({ items: [], nextCursor: null });
  const failed = await call(backups.GET, 'GET', '/api/admin/backup/backups?state=failed', { token: h.tokens.viewer });
  expect(failed.body.items).toEqual([]);
  const bad = await call(backups.GET, 'GET', '/api/admin/backup/backups?limit=1000&order=asc', { token: h.tokens.viewer });
  expect(bad.status).toBe(422);
  expect(JSON.stringify(bad.body)).toContain('query.limit');
  expect(JSON.stringify(bad.body)).toContain('query.order');
});

it('shows the detail with the manifest read from the bucket, and verifies it', async () => {
  const res = await call(backup.GET, 'GET', `/api/admin/backup/backups/${backupId}`, { token: h.tokens.viewer, params: { backupId } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ backup: { backupId, jobId, state: 'succeeded' }, manifest: { method: 'managed' } });
  const missing = await call(backup.GET, 'GET', '/api/admin/backup/backups/nope', { token: h.tokens.viewer, params: { backupId: 'nope' } });
  expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  const verified = await call(verify.POST, 'POST', `/api/admin/backup/backups/${backupId}/verify`, { token: h.tokens.operator, body: {}, params: { backupId } });
  expect(verified.status).toBe(200);
  expect(verified.body).toMatchObject({ backupId, method: 'managed', ok: true });
});

it('cancelling a finished job is a 409 conflict-style refusal', async () => {
  const res = await call(cancel.POST, 'POST', `/api/admin/backup/jobs/${jobId}/cancel`, { token: h.tokens.operator, body: {}, params: { jobId } });
  expect(res).toMatchObject({ status: 409, body: { error: { code: 'failed_precondition' } } });
});

it('the dashboard shows the last success within the RPO', async () => {
  const res = await call(root.GET, 'GET', '/api/admin/backup', { token: h.tokens.viewer });
  expect(res.body).toMatchObject({ projectId: h.projectId, rpoBreached: false, active: 0, lastSuccess: { backupId: expect.any(String) } });
});

it('audits every mutating request with actor, target, outcome and request id, and the chain verifies', async () => {
  const res = await call(audit.GET, 'GET', '/api/admin/backup/audit?limit=50', { token: h.tokens.viewer });
  const items = res.body.items as { action: string; outcome: string; target?: string; actor: { uid?: string; role?: string; ip?: string }; requestId?: string }[];
  expect(items.map((e) => [e.action, e.outcome])).toEqual([
    ['job.cancel', 'refused'],
    ['backup.verify', 'ok'],
    ['backup.create', 'ok'],
    ['backup.create', 'ok'],
  ]);
  expect(items[3]).toMatchObject({ target: jobId, actor: { uid: h.uids.operator, role: 'operator' }, requestId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  const ip = await call(cancel.POST, 'POST', `/api/admin/backup/jobs/${jobId}/cancel`, { token: h.tokens.operator, body: {}, params: { jobId }, peer: '203.0.113.9', headers: { 'x-forwarded-for': '198.51.100.7', 'x-request-id': 'req-from-client-1' } });
  expect(ip.headers.get('x-request-id')).toBe('req-from-client-1');
  const newest = await h.api.audit.list({ limit: 1 });
  expect(newest[0]).toMatchObject({ actor: { ip: '203.0.113.9' }, requestId: 'req-from-client-1' });
  const filtered = await call(audit.GET, 'GET', '/api/admin/backup/audit?action=backup.create', { token: h.tokens.viewer });
  expect((filtered.body.items as unknown[]).length).toBe(2);
  const chain = await call(auditVerify.GET, 'GET', '/api/admin/backup/audit/verify', { token: h.tokens.viewer });
  expect(chain.body).toMatchObject({ ok: true, checked: 5, head: { seq: 5 } });
});
