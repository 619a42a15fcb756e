/**
 * The API's edge (issue 15, findings 2, 3 and 8b): the client address cannot be spoofed with X-Forwarded-For, callers
 * are rate-limited per uid (reads too) and anonymous ones per address, anonymous refusals are audited once per window
 * instead of once each, bodies are never read for anonymous callers and read only up to the limit for others, and the
 * per-action role is decided before the body is validated.
 */
import { PEER_ADDRESS_HEADER } from '@/lib/api/peer-address';
import { call, createHarness, type Harness } from '@/lib/api/testing/route-harness';

import * as root from './route';
import * as backups from './backups/route';
import * as cancel from './jobs/[jobId]/cancel/route';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-edge', { anonymousLimit: { capacity: 5, refillPerSecond: 0.001 }, readLimit: { capacity: 5, refillPerSecond: 0.001 } });
});
afterAll(async () => h.close());

const cancelPath = '/api/admin/backup/jobs/backup-nope/cancel';
const cancelAs = (opts: { token?: string; peer: string; xff?: string }) =>
  call(cancel.POST, 'POST', cancelPath, { token: opts.token, body: {}, params: { jobId: 'backup-nope' }, peer: opts.peer, headers: opts.xff ? { 'x-forwarded-for': opts.xff } : {} });

it('with BACKUP_TRUSTED_PROXY_HOPS=0 audits the socket address, not X-Forwarded-For, and limits anonymous callers per socket address', async () => {
  expect(h.api.addressPolicy).toEqual({ trustedProxyHops: 0, peerStamped: true });
  const signedIn = await cancelAs({ token: h.tokens.operator, peer: '192.0.2.10', xff: '203.0.113.66' });
  expect(signedIn.status).toBe(404);
  const [entry] = await h.api.audit.list({ actor: h.uids.operator, limit: 1 });
  expect(entry).toMatchObject({ action: 'job.cancel', actor: { ip: '192.0.2.10' } });

  // A new spoofed X-Forwarded-For per request does not give a new bucket: the anonymous capacity is 5.
  const statuses: number[] = [];
  for (let i = 0; i < 8; i += 1) statuses.push((await cancelAs({ peer: '192.0.2.11', xff: `203.0.113.${i}` })).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  await h.api.refusals.flush();
  const [aggregate] = await h.api.audit.list({ action: 'api.unauthenticated', limit: 1 });
  expect(aggregate?.params?.addresses).toEqual([{ ip: '192.0.2.11', count: 5 }]);
});

it('audits 50 anonymous refusals with at most a couple of appends, one entry that counts them all', async () => {
  await h.api.refusals.flush();
  const before = (await h.api.audit.head()).seq;
  for (let i = 0; i < 50; i += 1) expect((await cancelAs({ peer: `198.51.100.${i + 1}`, xff: '10.9.9.9' })).status).toBe(401);
  await h.api.refusals.flush();
  const appended = (await h.api.audit.head()).seq - before;
  expect(appended).toBeGreaterThanOrEqual(1);
  expect(appended).toBeLessThanOrEqual(2);
  const entries = await h.api.audit.list({ action: 'api.unauthenticated', limit: appended });
  expect(entries.reduce((n, e) => n + Number(e.params?.count ?? 0), 0)).toBe(50);
  expect(entries[0]).toMatchObject({ actor: { system: 'api' }, outcome: 'refused', reason: expect.stringMatching(/unauthenticated request\(s\) refused/) });
});

it('limits a signed-in caller per uid, reads included, whatever address it comes from', async () => {
  const reader = await h.account('reader', { backupRole: 'viewer' });
  const statuses: number[] = [];
  for (let i = 0; i < 7; i += 1) statuses.push((await call(backups.GET, 'GET', '/api/admin/backup/backups', { token: reader.token, peer: `192.0.2.${100 + i}` })).status);
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  // Another caller has its own budget.
  expect((await call(backups.GET, 'GET', '/api/admin/backup/backups', { token: h.tokens.viewer })).status).toBe(200);
});

/** A request whose body would be `total` bytes, generated only as it is pulled, with no Content-Length. */
function streamingPost(path: string, total: number, headers: Record<string, string>): { req: Request; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const req = new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json', [PEER_ADDRESS_HEADER]: '192.0.2.20', ...headers }, body, duplex: 'half' } as RequestInit);
  return { req, pulled: () => pulled };
}

it('answers a 42 MB chunked upload at once: 401 unread when anonymous, 413 after at most the limit when signed in', async () => {
  const ctx = { params: Promise.resolve({ jobId: 'backup-nope' }) };
  const anonymous = streamingPost(cancelPath, 42 * 1024 * 1024, {});
  expect((await cancel.POST(anonymous.req, ctx)).status).toBe(401);
  expect(anonymous.pulled()).toBeLessThan(1024 * 1024);

  const signedIn = streamingPost(cancelPath, 42 * 1024 * 1024, { authorization: `Bearer ${h.tokens.operator ?? ''}` });
  const res = await cancel.POST(signedIn.req, ctx);
  expect(res.status).toBe(413);
  expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  expect(signedIn.pulled()).toBeLessThan(1024 * 1024);
  const [entry] = await h.api.audit.list({ actor: h.uids.operator, limit: 1 });
  expect(entry).toMatchObject({ action: 'job.cancel', outcome: 'refused', reason: expect.stringMatching(/^payload_too_large/) });
});

it('decides the per-action role from the action name before validating the body: 403, not 422 with the schema', async () => {
  const bad = { action: 'cleanup_old', dryRun: 'yes', surprise: 1 };
  const asOperator = await call(root.POST, 'POST', '/api/admin/backup', { token: h.tokens.operator, body: bad });
  expect(asOperator).toMatchObject({ status: 403, body: { error: { code: 'permission_denied', details: { required: 'admin', role: 'operator' } } } });
  expect(JSON.stringify(asOperator.body)).not.toMatch(/issues|dryRun|surprise/);
  // An admin gets the validation details, and an unknown action is a validation error for everyone.
  expect((await call(root.POST, 'POST', '/api/admin/backup', { token: h.tokens.admin, body: bad })).status).toBe(422);
  expect((await call(root.POST, 'POST', '/api/admin/backup', { token: h.tokens.operator, body: { action: 'drop_database' } })).status).toBe(422);
});
