import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { EngineError } from '../backup/errors';
import { ADMIN_ACTIONS } from '../contracts';

import { authenticate, secretsEqual, unverifiedIssuer, SCHEDULER_SECRET_HEADER, type AuthenticatorOptions } from './auth';
import { actionRequestSchema, auditActionOfRaw } from './dispatch';
import { ERROR_STATUS } from './error-codes';
import { ApiError, errorReply } from './errors';
import { openApiDocument } from './openapi';
import { decodeCursor, encodeCursor } from './queries';
import { roleAllows, roleFromClaims } from './roles';
import { parseInput } from './validate';

describe('error mapping', () => {
  it('maps engine and API codes through the one table with the public message', () => {
    const r = errorReply(new EngineError('not_found', 'backup b1 is not in the catalog', { details: { backupId: 'b1' } }));
    expect(r).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'backup b1 is not in the catalog', details: { backupId: 'b1' } } } });
    expect(errorReply(new ApiError('invalid_json', 'bad')).status).toBe(400);
    expect(errorReply(new EngineError('conflict', 'x')).status).toBe(409);
    expect(errorReply(new ApiError('rate_limited', 'slow', { headers: { 'retry-after': '3' } })).headers).toEqual({ 'retry-after': '3' });
    expect(ERROR_STATUS.unauthenticated).toBe(401);
    expect(ERROR_STATUS.permission_denied).toBe(403);
  });

  it('hides unknown errors and internal engine errors behind an error id that is logged', () => {
    const logged: string[] = [];
    for (const err of [new Error('secret path /etc/x at line 3'), new EngineError('internal', 'stack detail'), 'a string']) {
      const r = errorReply(err, (line) => logged.push(line));
      expect(r.status).toBe(500);
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(/secret path|stack detail|a string/);
      const id = (r.body.error.details as { errorId: string }).errorId;
      expect(id).toMatch(/^[0-9a-f]{16}$/);
      expect(logged.at(-1)).toContain(id);
    }
  });
});

describe('roles', () => {
  it('admin claim wins, backupRole otherwise, anything else is no role', () => {
    expect(roleFromClaims({ admin: true, backupRole: 'viewer' })).toBe('admin');
    expect(roleFromClaims({ backupRole: 'operator' })).toBe('operator');
    expect(roleFromClaims({ backupRole: 'root' })).toBeNull();
    expect(roleFromClaims({ admin: 'true' })).toBeNull();
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('viewer', 'operator')).toBe(false);
  });
});

describe('authentication without Firebase', () => {
  const auth = { verifyIdToken: () => Promise.reject(Object.assign(new Error('bad'), { code: 'auth/argument-error' })) } as unknown as AuthenticatorOptions['auth'];
  const secret = 's'.repeat(40);
  const opts: AuthenticatorOptions = { auth, scheduler: { secret, serviceAccount: 'sched@p.iam.gserviceaccount.com' }, oidc: { verify: async (_t, aud) => ({ email: aud.includes('https://x.test/api/admin/backup') ? 'sched@p.iam.gserviceaccount.com' : 'other@x', emailVerified: true }) } };
  const req = (headers: Record<string, string>) => new Request('https://x.test/api/admin/backup', { headers });
  const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  it('accepts the scheduler secret as operator and refuses a wrong one with 401', async () => {
    await expect(authenticate(req({ [SCHEDULER_SECRET_HEADER]: secret }), opts)).resolves.toEqual({ kind: 'scheduler', via: 'secret', role: 'operator' });
    await expect(authenticate(req({ [SCHEDULER_SECRET_HEADER]: `${secret}x` }), opts)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticate(req({ [SCHEDULER_SECRET_HEADER]: secret }), { ...opts, scheduler: {} })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('routes Google-issued tokens to the OIDC verifier and checks the service account and audience', async () => {
    const token = jwt({ iss: 'https://accounts.google.com' });
    await expect(authenticate(req({ authorization: `Bearer ${token}` }), opts)).resolves.toMatchObject({ kind: 'scheduler', via: 'oidc' });
    await expect(authenticate(req({ authorization: `Bearer ${token}` }), { ...opts, oidcAudiences: ['https://elsewhere'] })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticate(req({ authorization: `Bearer ${token}` }), { ...opts, scheduler: { secret } })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('401 with WWW-Authenticate for missing, malformed and rejected tokens', async () => {
    const cases: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer' }, { authorization: `Bearer ${jwt({ iss: 'https://securetoken.google.com/p' })}` }];
    for (const headers of cases) {
      const err = await authenticate(req(headers), opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('unauthenticated');
      expect((err as ApiError).opts.headers).toEqual({ 'www-authenticate': 'Bearer' });
    }
  });

  it('compares secrets of any length and reads issuers defensively', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(unverifiedIssuer('not-a-jwt')).toBeUndefined();
    expect(unverifiedIssuer('a.!!!.c')).toBeUndefined();
  });
});

describe('Firebase ID tokens: the account decides (issue 15, findings 1 and 8a)', () => {
  const authTime = 1_800_000_000;
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const email = 'u1@x.test';
  const signed = (claims: object) => `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ sub: 'u1', email, auth_time: authTime, ...claims })}.sig`;
  const unsigned = (claims: object) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u1', email, auth_time: authTime, ...claims })}.`;
  // firebase-admin on a real project: the signature is checked (modelled as passed), no account lookup by itself.
  const accountAuth = (user: object) =>
    ({
      verifyIdToken: (token: string) => {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
        return Promise.resolve({ ...payload, uid: payload.sub });
      },
      getUser: (uid: string) => Promise.resolve({ uid, email, disabled: false, customClaims: {}, ...user }),
    }) as unknown as AuthenticatorOptions['auth'];
  const bearer = (token: string) => new Request('https://x.test/api/admin/backup', { headers: { authorization: `Bearer ${token}` } });
  const as = (token: string, user: object, emulator = false) => authenticate(bearer(token), { auth: accountAuth(user), scheduler: {}, emulator });

  it('takes the role from the account, not from a signed token issued before its claims changed', async () => {
    await expect(as(signed({ admin: true }), { customClaims: { backupRole: 'viewer' } })).resolves.toEqual({ kind: 'user', uid: 'u1', email, role: 'viewer' });
    await expect(as(signed({}), { customClaims: { admin: true } })).resolves.toMatchObject({ role: 'admin' });
  });

  it('refuses an unsigned token whose claims its account does not hold, in emulator mode or not', async () => {
    for (const emulator of [true, false]) {
      await expect(as(unsigned({ admin: true }), { customClaims: {} }, emulator)).rejects.toMatchObject({ code: 'unauthenticated' });
      await expect(as(unsigned({ backupRole: 'viewer' }), { customClaims: { backupRole: 'viewer' }, email: 'other@x.test' }, emulator)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    await expect(as(unsigned({ backupRole: 'viewer' }), { customClaims: { backupRole: 'viewer' } }, true)).resolves.toMatchObject({ role: 'viewer' });
  });

  it('refuses a revoked token and a disabled account on every request', async () => {
    const revokedAfter = new Date((authTime + 1) * 1000).toUTCString();
    await expect(as(signed({}), { tokensValidAfterTime: revokedAfter })).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('revoked') });
    await expect(as(signed({}), { tokensValidAfterTime: new Date(authTime * 1000).toUTCString() })).resolves.toMatchObject({ kind: 'user' });
    await expect(as(signed({}), { disabled: true })).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('disabled') });
  });
});

describe('the action envelope', () => {
  it('parses each action and names body fields in issues', () => {
    expect(actionRequestSchema.parse({ action: 'cancel_job', jobId: 'backup-1' })).toEqual({ action: 'cancel_job', body: { jobId: 'backup-1' } });
    const err = (() => {
      try {
        parseInput(actionRequestSchema, { action: 'cancel_job', jobId: '../x', extra: 1 }, 'body');
      } catch (e) {
        return e as ApiError;
      }
      throw new Error('expected a failure');
    })();
    expect(err.code).toBe('invalid_argument');
    const paths = (err.opts.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.jobId', 'body.extra']));
    expect(actionRequestSchema.safeParse({ action: 'drop_database' }).success).toBe(false);
    expect(auditActionOfRaw({ action: 'cancel_job' })).toBe('job.cancel');
    expect(auditActionOfRaw({ action: 'nope' })).toBe('admin.unknown_action');
  });
});

it('cursors round-trip and foreign cursors are refused', () => {
  const at = '2026-01-02T03:04:05.678Z';
  expect(decodeCursor(encodeCursor(at))).toBe(at);
  expect(() => decodeCursor(Buffer.from('../../etc').toString('base64url'))).toThrow(ApiError);
});

it('the OpenAPI document covers every route and every action', () => {
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: { oneOf?: { title: string }[] } } } } }>> };
  expect(doc.openapi).toBe('3.1.0');
  // Every route file under src/app/api/admin/backup has its path in the document, and nothing else is documented.
  const appDir = join(process.cwd(), 'src/app/api/admin/backup');
  const routes = readdirSync(appDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('route.ts'))
    .map((f) => `/api/admin/backup/${dirname(f)}`.replace(/\/\.$/, '').replace(/\[(?:\.\.\.)?([A-Za-z]+)\]/g, '{$1}'));
  expect(Object.keys(doc.paths).sort()).toEqual(routes.sort());
  const oneOf = doc.paths['/api/admin/backup']?.post?.requestBody?.content['application/json'].schema.oneOf ?? [];
  expect(oneOf.map((o) => o.title)).toEqual([...ADMIN_ACTIONS]);
  expect(JSON.stringify(doc)).toContain('"additionalProperties":false');
});
