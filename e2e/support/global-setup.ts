/**
 * Global setup of the `browser` Jest project: its own Firestore and Auth emulators on free loopback ports, a seeded
 * demo dataset, the local accounts, a production build of the portal served by `next start` against a `file://`
 * bucket, and a description of it all in test-results/e2e-stack.json for the test files.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { childEnv, EMULATOR_PROCESS_ENV } from '../../src/lib/backup/config';
import { startAuthEmulator } from '../../src/lib/local/auth-emulator';
import { resolveFirestoreEmulator, startFirestoreEmulator } from '../../src/lib/local/firestore-emulator';
import { freePort, stopChild, waitForHttp, type Stoppable } from '../../src/lib/local/process-utils';

import { ensureBuilt, nextBin } from './next-build';
import { STACK_FILE, type E2eStack } from './stack-file';

const PROJECT_ID = 'demo-portal-e2e';
const STAGING_PROJECT_ID = 'demo-portal-e2e-staging';
const PASSWORD = 'backup-admin-pass';
const DEMO_DOCS = 300;

declare global {
  var __BACKUP_E2E_STACK__: Stoppable[] | undefined;
}

const log = (line: string): void => console.log(`[e2e] ${line}`);

/** Seeds in a child process: the Jest parent's environment must keep the hosts the integration setup set. */
async function seed(hosts: { firestore: string; auth: string }): Promise<number> {
  const tsx = resolve(require.resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, join(__dirname, 'seed-stack.ts'), PROJECT_ID, String(DEMO_DOCS), PASSWORD], {
    cwd: resolve(__dirname, '..', '..'),
    env: childEnv({ ...EMULATOR_PROCESS_ENV, FIRESTORE_EMULATOR_HOST: hosts.firestore, FIREBASE_AUTH_EMULATOR_HOST: hosts.auth }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  const written = Number(out.trim().split('\n').at(-1));
  if (code !== 0 || !Number.isInteger(written)) throw new Error(`seeding the e2e emulators failed (exit ${code}):\n${out.slice(-4_000)}`);
  return written;
}

async function startNext(env: Record<string, string>, workDir: string): Promise<{ url: string; stop: Stoppable }> {
  const port = await freePort();
  const child = spawn(process.execPath, [nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: resolve(__dirname, '..', '..'),
    env: childEnv({ ...EMULATOR_PROCESS_ENV, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const out: string[] = [];
  const keep = (d: Buffer) => out.push(d.toString('utf8'));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/`, child, 120_000);
  } catch (err) {
    throw new Error(`next start failed: ${(err as Error).message}\n${out.join('').slice(-4_000)}`);
  }
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  // The server's own log helps when a browser test fails on a 500.
  const logFile = join(workDir, 'next.log');
  child.stdout?.on('data', (d: Buffer) => writeFileSync(logFile, d, { flag: 'a' }));
  child.stderr?.on('data', (d: Buffer) => writeFileSync(logFile, d, { flag: 'a' }));
  return { url, stop: { stop: () => stopChild(child) } };
}

export default async function globalSetup(): Promise<void> {
  const started: Stoppable[] = [];
  globalThis.__BACKUP_E2E_STACK__ = started;
  try {
    await startStack(started);
  } catch (err) {
    // Jest skips the teardown when the setup fails: stop what was started so no emulator outlives the run.
    for (const s of [...started].reverse()) await s.stop().catch(() => undefined);
    throw err;
  }
}

async function startStack(started: Stoppable[]): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'backup-e2e-'));
  const bucketDir = join(workDir, 'bucket');
  mkdirSync(bucketDir, { recursive: true });
  // The build is the long pole: run it while the emulators start and the data is seeded.
  const built = ensureBuilt(log);
  built.catch(() => undefined); // awaited below; this only keeps an early failure from being unhandled meanwhile
  const jar = resolveFirestoreEmulator({});
  const [firestorePort, authPort] = [await freePort(), await freePort()];
  const [firestore, auth] = await Promise.all([
    startFirestoreEmulator({ jar, port: firestorePort }),
    startAuthEmulator({ port: authPort, projectId: PROJECT_ID, workDir: join(workDir, 'auth') }),
  ]);
  started.push(firestore, auth);
  const seededDocuments = await seed({ firestore: firestore.host, auth: auth.host });
  log(`emulators up (firestore ${firestore.host}, auth ${auth.host}); ${seededDocuments} demo documents seeded`);
  await built;
  const next = await startNext(
    {
      BACKUP_PROJECT_ID: PROJECT_ID,
      BACKUP_BUCKET_URL: `file://${bucketDir}`,
      BACKUP_STAGING_TARGET: `project:${STAGING_PROJECT_ID}`,
      FIRESTORE_EMULATOR_HOST: firestore.host,
      FIREBASE_AUTH_EMULATOR_HOST: auth.host,
      NEXT_PUBLIC_FIREBASE_PROJECT_ID: PROJECT_ID,
      NEXT_PUBLIC_FIREBASE_AUTH_EMULATOR_HOST: auth.host,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    workDir,
  );
  started.push(next.stop);
  log(`portal at ${next.url} (server log ${join(workDir, 'next.log')})`);
  const stack: E2eStack = { baseUrl: next.url, projectId: PROJECT_ID, stagingProjectId: STAGING_PROJECT_ID, firestoreHost: firestore.host, authHost: auth.host, bucketDir, password: PASSWORD, seededDocuments };
  mkdirSync(dirname(STACK_FILE), { recursive: true });
  writeFileSync(STACK_FILE, JSON.stringify(stack, null, 2));
}
