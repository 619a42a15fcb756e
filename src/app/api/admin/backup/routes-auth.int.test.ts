/**
 * Every route × every kind of caller, with real Auth-emulator ID tokens: 401 without or with a bad or revoked
 * credential, 403 without the role, otherwise through to the handler. Plus the rate limit on mutating requests.
 */
import { RequestLimits } from '@/lib/api/rate-limit';
import { IDENTITIES, call, createHarness, revokeTokens, type Harness, type Identity } from '@/lib/api/testing/route-harness';
import type { ApiRole } from '@/lib/api/roles';
import type { RouteHandler } from '@/lib/api/define-route';

import * as root from './route';
import * as audit from './audit/route';
import * as auditVerify from './audit/verify/route';
import * as backups from './backups/route';
import * as backup from './backups/[backupId]/route';
import * as verify from './backups/[backupId]/verify/route';
import * as job from './jobs/[jobId]/route';
import * as cancel from './jobs/[jobId]/cancel/route';
import * as openapi from './openapi.json/route';
import * as documents from './backups/[backupId]/documents/route';
import * as document from './backups/[backupId]/documents/[...path]/route';
import * as drills from './drills/route';
import * as restores from './restores/route';
import * as restore from './restores/[restoreId]/route';
import * as retention from './retention/route';
import * as schedules from './schedules/route';

jest.setTimeout(120_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-auth');
});
afterAll(async () => h.close());

interface RouteCase {
  name: string;
  handler: RouteHandler;
  method: 'GET' | 'POST';
  path: string;
  role: ApiRole;
  params?: Record<string, string | string[]>;
  /** Function-valued fields are resolved per call (they need the harness, e.g. the production project id). */
  body?: unknown;
}

const ROUTES: RouteCase[] = [
  { name: 'dashboard', handler: root.GET, method: 'GET', path: '/api/admin/backup', role: 'viewer' },
  { name: 'cancel_job action', handler: root.POST, method: 'POST', path: '/api/admin/backup', role: 'operator', body: { action: 'cancel_job', jobId: 'backup-no-such-job' } },
  { name: 'approve_restore action', handler: root.POST, method: 'POST', path: '/api/admin/backup', role: 'admin', body: { action: 'approve_restore', restoreId: 'restore-1', confirm: () => h.projectId } },
  { name: 'scheduled_tick action', handler: root.POST, method: 'POST', path: '/api/admin/backup', role: 'operator', body: { action: 'scheduled_tick', reportOnly: true } },
  { name: 'cleanup_old action', handler: root.POST, method: 'POST', path: '/api/admin/backup', role: 'admin', body: { action: 'cleanup_old', dryRun: true } },
  { name: 'backups list', handler: backups.GET, method: 'GET', path: '/api/admin/backup/backups', role: 'viewer' },
  { name: 'backup create', handler: backups.POST, method: 'POST', path: '/api/admin/backup/backups', role: 'operator', body: { method: 'managed', idempotencyKey: 'auth-matrix' } },
  { name: 'backup detail', handler: backup.GET, method: 'GET', path: '/api/admin/backup/backups/nope', role: 'viewer', params: { backupId: 'nope' } },
  { name: 'backup verify', handler: verify.POST, method: 'POST', path: '/api/admin/backup/backups/nope/verify', role: 'operator', params: { backupId: 'nope' }, body: {} },
  { name: 'job status', handler: job.GET, method: 'GET', path: '/api/admin/backup/jobs/backup-nope', role: 'viewer', params: { jobId: 'backup-nope' } },
  { name: 'job cancel', handler: cancel.POST, method: 'POST', path: '/api/admin/backup/jobs/backup-nope/cancel', role: 'operator', params: { jobId: 'backup-nope' }, body: {} },
  { name: 'audit list', handler: audit.GET, method: 'GET', path: '/api/admin/backup/audit', role: 'viewer' },
  { name: 'audit verify', handler: auditVerify.GET, method: 'GET', path: '/api/admin/backup/audit/verify', role: 'viewer' },
  { name: 'backup documents', handler: documents.GET, method: 'GET', path: '/api/admin/backup/backups/nope/documents', role: 'viewer', params: { backupId: 'nope' } },
  { name: 'backup document', handler: document.GET, method: 'GET', path: '/api/admin/backup/backups/nope/documents/users/u1', role: 'viewer', params: { backupId: 'nope', path: ['users', 'u1'] } },
  { name: 'restores list', handler: restores.GET, method: 'GET', path: '/api/admin/backup/restores', role: 'viewer' },
  { name: 'restore detail', handler: restore.GET, method: 'GET', path: '/api/admin/backup/restores/restore-nope', role: 'viewer', params: { restoreId: 'restore-nope' } },
  { name: 'drill reports', handler: drills.GET, method: 'GET', path: '/api/admin/backup/drills', role: 'viewer' },
  { name: 'drill start', handler: drills.POST, method: 'POST', path: '/api/admin/backup/drills', role: 'operator', body: { collections: ['nothing-here'] } },
  { name: 'schedules', handler: schedules.GET, method: 'GET', path: '/api/admin/backup/schedules', role: 'viewer' },
  { name: 'retention', handler: retention.GET, method: 'GET', path: '/api/admin/backup/retention', role: 'viewer' },
];

/** Replaces function-valued fields with their value (bodies that need the harness, built at module load). */
function resolveBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object') return body;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'function' ? (v as () => unknown)() : v]));
}

const RANK: Record<ApiRole, number> = { viewer: 1, operator: 2, admin: 3 };

function expectedStatus(route: RouteCase, who: Identity): 'unauthenticated' | 'forbidden' | 'through' {
  if (who === 'none' || who === 'bad') return 'unauthenticated';
  if (who === 'norole') return 'forbidden';
  return RANK[who] >= RANK[route.role] ? 'through' : 'forbidden';
}

describe.each(ROUTES)('$name', (route) => {
  it.each(IDENTITIES)('as %s', async (who) => {
    const res = await call(route.handler, route.method, route.path, { token: h.tokens[who], body: resolveBody(route.body), params: route.params });
    const expected = expectedStatus(route, who);
    if (expected === 'unauthenticated') {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
    } else if (expected === 'forbidden') {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'permission_denied' } });
      if (who === 'norole') expect(JSON.stringify(res.body)).toContain('backupRole');
    } else {
      expect([200, 202, 404]).toContain(res.status);
    }
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
  });
});

it('answers through-cases with the right codes', async () => {
  const t = h.tokens.admin;
  expect((await call(root.POST, 'POST', '/api/admin/backup', { token: t, body: { action: 'cancel_job', jobId: 'backup-no-such-job' } })).status).toBe(404);
  const dr = await call(root.POST, 'POST', '/api/admin/backup', { token: t, body: { action: 'disaster_recovery', backupId: 'b1', confirm: h.projectId } });
  expect(dr).toMatchObject({ status: 404, body: { error: { code: 'not_found', details: { backupId: 'b1' } } } });
  const wrongConfirm = await call(root.POST, 'POST', '/api/admin/backup', { token: t, body: { action: 'disaster_recovery', backupId: 'b1', confirm: 'demo-other' } });
  expect(wrongConfirm.status).toBe(422);
  const stagingIsProd = await call(root.POST, 'POST', '/api/admin/backup', { token: t, body: { action: 'restore_to_staging', backupId: 'b1', target: `project:${h.projectId}` } });
  expect(stagingIsProd).toMatchObject({ status: 409, body: { error: { code: 'failed_precondition' } } });
});

it('the OpenAPI document is public', async () => {
  const res = await call(openapi.GET, 'GET', '/api/admin/backup/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
});

it('a revoked token is refused for mutating requests and audited', async () => {
  const { uid, token } = await h.account('revokee', { backupRole: 'operator' });
  const cancelReq = { token, body: {}, params: { jobId: 'backup-nope' } };
  expect((await call(cancel.POST, 'POST', '/api/admin/backup/jobs/backup-nope/cancel', cancelReq)).status).toBe(404);
  // The emulator keeps revocation times in whole seconds; a token from the same second would still count as fresh.
  await new Promise((r) => setTimeout(r, 1_100));
  await revokeTokens(uid);
  const refused = await call(cancel.POST, 'POST', '/api/admin/backup/jobs/backup-nope/cancel', cancelReq);
  expect(refused).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated', message: expect.stringContaining('revoked') } } });
  // Reads check revocation too (routes-forged-token.int.test.ts shows it with a real project's firebase-admin behaviour).
  expect((await call(job.GET, 'GET', '/api/admin/backup/jobs/backup-nope', { token, params: { jobId: 'backup-nope' } })).status).toBe(401);
  // Before revocation: verified actor (the 404 counts as a refused cancel); after: the token's unverified subject.
  const before = await h.api.audit.list({ actor: uid, limit: 10 });
  expect(before.map((e) => [e.action, e.outcome, e.reason?.split(':')[0]])).toEqual([['job.cancel', 'refused', 'not_found']]);
  // After: counted in the window's aggregate entry of unauthenticated refusals, with the token's unverified subject.
  await h.api.refusals.flush();
  const [aggregate] = await h.api.audit.list({ action: 'api.unauthenticated', limit: 1 });
  expect(aggregate).toMatchObject({ outcome: 'refused', params: { claimedUids: expect.arrayContaining([{ uid, count: 1 }]) } });
});

it('the scheduler secret acts as operator and a wrong one is 401', async () => {
  const secret = h.api.authn.scheduler.secret ?? '';
  const ok = await call(backups.GET, 'GET', '/api/admin/backup/backups', { headers: { 'x-backup-scheduler-secret': secret } });
  expect(ok.status).toBe(200);
  const wrong = await call(backups.GET, 'GET', '/api/admin/backup/backups', { headers: { 'x-backup-scheduler-secret': `${secret}-` } });
  expect(wrong.status).toBe(401);
  const dr = await call(root.POST, 'POST', '/api/admin/backup', { headers: { 'x-backup-scheduler-secret': secret }, body: { action: 'cleanup_old' } });
  expect(dr.status).toBe(403);
});

it('rate-limits mutating requests per caller with Retry-After, without auditing the refusals', async () => {
  const saved = h.api.limiter;
  const now = new Date('2026-01-01T00:00:00Z');
  h.api.limiter = new RequestLimits({ write: { capacity: 2, refillPerSecond: 0.1 } }, { now: () => now });
  try {
    const send = (token: string | undefined) => call(cancel.POST, 'POST', '/api/admin/backup/jobs/backup-nope/cancel', { token, body: {}, params: { jobId: 'backup-nope' } });
    expect((await send(h.tokens.operator)).status).toBe(404);
    expect((await send(h.tokens.operator)).status).toBe(404);
    const headBefore = await h.api.audit.head();
    const limited = await send(h.tokens.operator);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(await h.api.audit.head()).toEqual(headBefore);
    // Another caller has its own bucket.
    expect((await send(h.tokens.admin)).status).toBe(404);
  } finally {
    h.api.limiter = saved;
  }
});
