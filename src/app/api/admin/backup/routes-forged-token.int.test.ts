/**
 * Tokens nobody signed (issue 15, findings 1 and 8a). With the Auth emulator on, firebase-admin checks no signature,
 * so anyone can write an `alg: none` token with `admin: true`: the role must come from the account the token names,
 * as read back from the Auth emulator, and a token that disagrees with its account is refused. Revocation is checked
 * on reads as on writes.
 */
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';

import { call, createHarness, revokeTokens, type Harness } from '@/lib/api/testing/route-harness';
import { authProjectId } from '@/test/emulator-env';

import * as root from './route';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-forged');
});
afterAll(async () => h.close());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned ID token for this project, shaped as the Auth emulator writes them. */
function forge(claims: Record<string, unknown>): string {
  const project = authProjectId();
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: `https://securetoken.google.com/${project}`, aud: project, iat: now, exp: now + 3600, auth_time: now, ...claims };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

function authAdmin(): Auth {
  const name = `forged-test-${authProjectId()}`;
  return getAuth(getApps().find((a) => a.name === name) ?? initializeApp({ projectId: authProjectId() }, name));
}

const adminAction = { action: 'cleanup_old', dryRun: true };
const asAdmin = (token: string) => call(root.POST, 'POST', '/api/admin/backup', { token, body: adminAction });
const dashboard = (token: string) => call(root.GET, 'GET', '/api/admin/backup', { token });

it('the real admin token passes (the forged ones below fail for their forgery, not for the route)', async () => {
  expect((await asAdmin(h.tokens.admin ?? '')).status).toBe(200);
});

it('an alg:none token claiming admin for an account without that claim is refused (401), never an admin', async () => {
  const email = (await authAdmin().getUser(h.uids.norole)).email;
  const token = forge({ sub: h.uids.norole, user_id: h.uids.norole, email, admin: true, backupRole: 'admin' });
  const res = await asAdmin(token);
  expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated', message: expect.stringContaining('does not match its account') } } });
  expect((await dashboard(token)).status).toBe(401);
});

it('a viewer cannot raise its own role by editing its claims', async () => {
  const email = (await authAdmin().getUser(h.uids.viewer)).email;
  const token = forge({ sub: h.uids.viewer, user_id: h.uids.viewer, email, backupRole: 'admin' });
  expect((await asAdmin(token)).status).toBe(401);
});

it('an alg:none token for a uid that does not exist is 401', async () => {
  const res = await asAdmin(forge({ sub: 'no-such-uid-0123', user_id: 'no-such-uid-0123', admin: true }));
  expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
});

it('a token that agrees with its account gets that account role only (403 for an admin action)', async () => {
  const email = (await authAdmin().getUser(h.uids.norole)).email;
  const res = await asAdmin(forge({ sub: h.uids.norole, user_id: h.uids.norole, email }));
  expect(res).toMatchObject({ status: 403, body: { error: { code: 'permission_denied' } } });
});

it('refuses unsigned tokens even when the runtime was not told it is in emulator mode', async () => {
  const saved = h.api.authn;
  h.api.authn = { ...saved, emulator: false };
  try {
    const email = (await authAdmin().getUser(h.uids.norole)).email;
    expect((await asAdmin(forge({ sub: h.uids.norole, user_id: h.uids.norole, email, admin: true }))).status).toBe(401);
  } finally {
    h.api.authn = saved;
  }
});

it('a role removed from an account stops working at once, even with a token issued before', async () => {
  const { uid, token } = await h.account('demoted', { admin: true });
  expect((await asAdmin(token)).status).toBe(200);
  await authAdmin().setCustomUserClaims(uid, {});
  expect((await asAdmin(token)).status).toBe(401);
});

/**
 * firebase-admin against a real project: the signature is checked (here: the token is one the emulator issued), and
 * the account is looked up only when `checkRevoked` is true. Against the emulator it always looks up, which would hide
 * a read that skips the check.
 */
function realProjectAuth(real: Auth): Auth {
  const verifyIdToken = async (token: string, checkRevoked = false) => {
    if (checkRevoked) return real.verifyIdToken(token, true);
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    return { ...payload, uid: payload.sub };
  };
  return Object.assign(Object.create(real) as Auth, { verifyIdToken, getUser: (uid: string) => real.getUser(uid) });
}

it('a revoked token is 401 on a read too, as it would be on a real project', async () => {
  const { uid, token } = await h.account('revoked-reader', { backupRole: 'viewer' });
  const saved = h.api.authn;
  h.api.authn = { ...saved, auth: realProjectAuth(saved.auth) };
  try {
    expect((await dashboard(token)).status).toBe(200);
    // The emulator keeps revocation times in whole seconds; a token from the same second would still count as fresh.
    await new Promise((r) => setTimeout(r, 1_100));
    await revokeTokens(uid);
    expect(await dashboard(token)).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated', message: expect.stringContaining('revoked') } } });
  } finally {
    h.api.authn = saved;
  }
});
