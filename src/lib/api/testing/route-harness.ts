/**
 * Route-test harness: an API runtime over a fresh `demo-` project and a `file://` temp bucket, real Auth-emulator
 * accounts for every role, and a `call` helper that invokes an exported route handler with a real `Request`.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getAuth } from 'firebase-admin/auth';
import { getApps, initializeApp } from 'firebase-admin/app';

import { loadEngineConfig } from '../../backup/config';
import { CONTROL_COLLECTIONS } from '../../backup/control-collections';
import { ensureAccounts, signInWithPassword } from '../../local/accounts';
import { authEmulatorHost, authProjectId, firestoreEmulatorHost, testProjectId, uniqueEmail } from '../../../test/emulator-env';
import type { RouteContext, RouteHandler } from '../define-route';
import { PEER_ADDRESS_HEADER } from '../peer-address';
import { createApiRuntime, setRuntimeForTests, type ApiRuntime, type ApiRuntimeOptions } from '../runtime';

export const IDENTITIES = ['none', 'bad', 'norole', 'viewer', 'operator', 'admin'] as const;
export type Identity = (typeof IDENTITIES)[number];
const PASSWORD = 'route-test-pass';

export interface Harness {
  api: ApiRuntime;
  projectId: string;
  bucketDir: string;
  tokens: Record<Identity, string | undefined>;
  uids: Record<'norole' | 'viewer' | 'operator' | 'admin', string>;
  /** Signs in a fresh account with `claims` and returns its uid and token. */
  account(label: string, claims: Record<string, unknown>): Promise<{ uid: string; token: string }>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
  /** Route params as Next.js passes them (a catch-all segment is a string array). */
  params?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** The socket address our server would stamp (peer-address.ts); default 127.0.0.1. */
  peer?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Invokes a route handler like Next.js does. */
export async function call(handler: RouteHandler, method: 'GET' | 'POST', path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { [PEER_ADDRESS_HEADER]: opts.peer ?? '127.0.0.1', ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://localhost${path}`, { method, headers, body: payload });
  const ctx: RouteContext = { params: Promise.resolve(opts.params ?? {}) };
  const res = await handler(req, ctx);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

function authAdmin() {
  const id = authProjectId();
  const name = `route-harness-${id}`;
  return getAuth(getApps().find((a) => a.name === name) ?? initializeApp({ projectId: id }, name));
}

export interface HarnessOptions extends ApiRuntimeOptions {
  /** Extra engine settings as environment variables (BACKUP_STAGING_TARGET, BACKUP_REQUIRE_SECOND_APPROVAL, …). */
  env?: Record<string, string>;
}

/** Creates the runtime, installs it for the routes and signs in one account per role. */
export async function createHarness(label: string, harnessOpts: HarnessOptions = {}): Promise<Harness> {
  const { env, ...opts } = harnessOpts;
  const projectId = testProjectId(label);
  const bucketDir = mkdtempSync(join(tmpdir(), `${label}-bucket-`));
  const config = loadEngineConfig({
    BACKUP_PROJECT_ID: projectId,
    BACKUP_BUCKET_URL: `file://${bucketDir}`,
    FIRESTORE_EMULATOR_HOST: firestoreEmulatorHost(),
    FIREBASE_AUTH_EMULATOR_HOST: authEmulatorHost(),
    BACKUP_SCHEDULER_SECRET: 'route-test-scheduler-secret-0123456789abcdef',
    ...env,
  });
  // peerStamped: `call` stamps the peer header as scripts/serve.ts does. Every anonymous call comes from one address
  // here, so its budget is wide unless a test sets one.
  const defaults: ApiRuntimeOptions = { authProjectId: authProjectId(), workerPollMs: 250, log: () => undefined, peerStamped: true, anonymousLimit: { capacity: 1_000, refillPerSecond: 100 } };
  const api = createApiRuntime(config, { ...defaults, ...opts });
  setRuntimeForTests(api);
  const account = async (who: string, claims: Record<string, unknown>) => {
    const email = uniqueEmail(`${label}-${who}`);
    await ensureAccounts(authProjectId(), [{ email, password: PASSWORD, claims }]);
    const uid = (await authAdmin().getUserByEmail(email)).uid;
    return { uid, token: await signInWithPassword(authEmulatorHost(), email, PASSWORD) };
  };
  const [norole, viewer, operator, admin] = await Promise.all([
    account('norole', {}),
    account('viewer', { backupRole: 'viewer' }),
    account('operator', { backupRole: 'operator' }),
    account('admin', { admin: true }),
  ]);
  return {
    api,
    projectId,
    bucketDir,
    tokens: { none: undefined, bad: 'not.a.valid-token', norole: norole.token, viewer: viewer.token, operator: operator.token, admin: admin.token },
    uids: { norole: norole.uid, viewer: viewer.uid, operator: operator.uid, admin: admin.uid },
    account,
    close: async () => {
      setRuntimeForTests(undefined);
      await api.close();
      rmSync(bucketDir, { recursive: true, force: true });
    },
  };
}

/** Revokes every token of `uid` (the Auth emulator records the revocation time in whole seconds). */
export async function revokeTokens(uid: string): Promise<void> {
  await authAdmin().revokeRefreshTokens(uid);
}

/** Every file under the bucket with its size: equal snapshots mean nothing was written. */
export function bucketSnapshot(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(dir, { recursive: true })) {
    const path = join(dir, String(entry));
    const st = statSync(path);
    if (st.isFile()) out[String(entry)] = st.size;
  }
  return out;
}

/**
 * The bucket's backup data: every file but the audit trail's write-once checkpoints (`audit/`), which a refused
 * request legitimately adds (its refusal is audited). Equal snapshots mean no backup data was written.
 */
export function backupDataSnapshot(dir: string): Record<string, number> {
  return Object.fromEntries(Object.entries(bucketSnapshot(dir)).filter(([path]) => !path.startsWith('audit/')));
}

/** Every document of the control collections, by path (read with the SDK, a second path to the data). */
export async function controlSnapshot(api: ApiRuntime): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of CONTROL_COLLECTIONS) {
    const snap = await api.runtime.control.collection(name).get();
    for (const doc of snap.docs) out[doc.ref.path] = doc.data();
  }
  return out;
}
