/**
 * `npm start`: the whole console on one machine, no GCP account needed.
 *
 * Starts the Cloud Firestore emulator (Google Cloud SDK jar) and the Firebase Auth emulator, a `file://` bucket under
 * the data folder, an encryption key in the data folder (never in the bucket; backups are encrypted by default),
 * seeds the demo dataset on first start, creates the local accounts, then serves the Next.js app and
 * prints one summary. Ctrl-C exports the emulator's data into the data folder (the next start loads it) and stops
 * every child process. `LOCAL_NEXT_MODE=prod` runs `next build` first when there is no build or the sources are newer.
 * When a child fails, the message carries the last lines of its log and the fix (scripts/lib/start-support.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { Firestore } from '@google-cloud/firestore';

import { childEnv, ConfigError, EMULATOR_PROCESS_ENV, loadLocalStackConfig, type LocalStackConfig, useEmulatorsInThisProcess } from '../src/lib/backup';
import { seedDemoData } from '../src/lib/demo/seed-demo-data';
import { ensureAccounts, localAccounts } from '../src/lib/local/accounts';
import { ensureLocalAuditKey } from '../src/lib/local/audit-key';
import { startAuthEmulator } from '../src/lib/local/auth-emulator';
import { EmulatorSetupError, exportEmulatorDatabase, findExportMetadata, resolveFirestoreEmulator, startFirestoreEmulator } from '../src/lib/local/firestore-emulator';
import { ensureLocalEncryptionKey, localEngineEnv, writeCliEnv } from '../src/lib/local/local-encryption';
import { stopChild, waitForHttp, type Stoppable } from '../src/lib/local/process-utils';

import { buildIdMtime, ChildFailedError, ChildLog, explainChildFailure, newestMtime, nextBuildDecision, runNextBuild, START_HELP, type StackChild } from './lib/start-support';

const started: Stoppable[] = [];
/** Set once shutdown begins: a child that exits after that was stopped by us, not crashed. */
let shuttingDown = false;
/** Saves the emulator's data, once our own emulator runs. */
let saveOnExit: (() => Promise<void>) | undefined;
const t0 = Date.now();
const say = (line: string): void => console.log(`[local] ${line}`);

interface Paths {
  data: string;
  bucket: string;
  state: string;
  logs: string;
}

function preparePaths(cfg: LocalStackConfig): Paths {
  const data = resolve(cfg.LOCAL_DATA_DIR);
  const paths = { data, bucket: join(data, 'bucket'), state: join(data, 'firestore-state'), logs: join(data, 'logs') };
  for (const dir of [paths.bucket, paths.logs]) mkdirSync(dir, { recursive: true });
  return paths;
}

/** Runs `start`; if it fails, the error becomes the child's log tail and the fix. */
async function explained<T>(child: StackChild, log: ChildLog, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    throw new ChildFailedError(explainChildFailure({ child, reason: (err as Error).message, logFile: log.file, tail: log.tail(), port }));
  }
}

/** For a child that exits on its own after it started: say why from its log, save what can be saved, stop the rest. */
function onCrash(child: StackChild, log: ChildLog, port: number): (code: number | null, signal: NodeJS.Signals | null) => void {
  return (code, signal) => {
    if (shuttingDown) return;
    console.error(`\n${explainChildFailure({ child, reason: `the process exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`, logFile: log.file, tail: log.tail(), port })}\n`);
    void shutdown(child === 'firestore' ? undefined : saveOnExit, 1);
  };
}

async function startFirestore(cfg: LocalStackConfig, paths: Paths): Promise<{ host: string; ours: boolean }> {
  if (cfg.FIRESTORE_EMULATOR_HOST !== undefined) return { host: cfg.FIRESTORE_EMULATOR_HOST, ours: false };
  const jar = resolveFirestoreEmulator({ explicitJar: cfg.FIRESTORE_EMULATOR_JAR, home: cfg.HOME });
  const seed = findExportMetadata(paths.state);
  say(`starting the Cloud Firestore emulator on 127.0.0.1:${cfg.FIRESTORE_EMULATOR_PORT}${seed ? ' (loading the saved state)' : ''}`);
  // Its own process group: a Ctrl-C must not stop it before its data is saved.
  const log = new ChildLog(join(paths.logs, 'firestore.log'));
  const port = cfg.FIRESTORE_EMULATOR_PORT;
  const emulator = await explained('firestore', log, port, () => startFirestoreEmulator({ jar, port, seedFromExport: seed, log: log.write, ownProcessGroup: true, onExit: onCrash('firestore', log, port) }));
  started.push(emulator);
  return { host: emulator.host, ours: true };
}

async function startAuth(cfg: LocalStackConfig, paths: Paths): Promise<string> {
  if (cfg.FIREBASE_AUTH_EMULATOR_HOST !== undefined) return cfg.FIREBASE_AUTH_EMULATOR_HOST;
  say(`starting the Firebase Auth emulator on 127.0.0.1:${cfg.AUTH_EMULATOR_PORT}`);
  const log = new ChildLog(join(paths.logs, 'auth.log'));
  const port = cfg.AUTH_EMULATOR_PORT;
  const auth = await explained('auth', log, port, () => startAuthEmulator({ port, projectId: cfg.LOCAL_PROJECT_ID, workDir: join(paths.data, 'auth'), log: log.write, onExit: onCrash('auth', log, port) }));
  started.push(auth);
  return auth.host;
}

async function seedIfEmpty(cfg: LocalStackConfig): Promise<string> {
  const db = new Firestore({ projectId: cfg.LOCAL_PROJECT_ID });
  try {
    const existing = await db.collection('products').limit(1).get();
    if (!existing.empty) return 'kept from the previous run';
    say(`seeding ${cfg.DEMO_DOCS} demo documents (seed ${cfg.DEMO_SEED})`);
    const n = await seedDemoData(db, { documents: cfg.DEMO_DOCS, seed: cfg.DEMO_SEED, projectId: cfg.LOCAL_PROJECT_ID }, (w) => say(`  ${w} written`));
    return `${n} documents seeded`;
  } finally {
    await db.terminate();
  }
}

const ROOT = resolve(__dirname, '..');
const nextBin = (): string => resolve(require.resolve('next/package.json'), '..', 'dist', 'bin', 'next');

/** Prod mode serves `.next`: build it first when it is missing or older than the sources. */
async function buildIfNeeded(cfg: LocalStackConfig, env: NodeJS.ProcessEnv, paths: Paths): Promise<void> {
  const decision = nextBuildDecision({ mode: cfg.LOCAL_NEXT_MODE, buildIdMtimeMs: buildIdMtime(ROOT), newestInputMtimeMs: newestMtime(ROOT) });
  if (!decision.build) return;
  const log = new ChildLog(join(paths.logs, 'next-build.log'));
  say(`running next build: ${decision.why} (a few minutes on two cores; output in ${log.file})`);
  await runNextBuild({ nextBin: nextBin(), cwd: ROOT, env, log, say });
}

/** Starts next and waits until it answers; if it exits (then or later), says why from its log and stops the stack. */
async function startNext(cfg: LocalStackConfig, env: NodeJS.ProcessEnv, paths: Paths): Promise<ChildProcess> {
  const args = [cfg.LOCAL_NEXT_MODE === 'dev' ? 'dev' : 'start', '-p', String(cfg.PORT), '-H', '127.0.0.1'];
  const child = spawn(process.execPath, [nextBin(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = new ChildLog(join(paths.logs, 'next.log'));
  child.stdout?.setEncoding('utf8').on('data', (d: string) => log.write(d.trimEnd()));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => log.write(d.trimEnd()));
  started.push({ stop: () => stopChild(child) });
  await explained('next', log, cfg.PORT, () => waitForHttp(`http://127.0.0.1:${cfg.PORT}/`, child, 180_000));
  child.once('close', onCrash('next', log, cfg.PORT));
  return child;
}

/** Saves the emulator's data so the next start sees the same data and control collections. */
async function saveState(host: string, cfg: LocalStackConfig, paths: Paths): Promise<void> {
  const next = `${paths.state}.next`;
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  await exportEmulatorDatabase({ host, projectId: cfg.LOCAL_PROJECT_ID, dir: next });
  rmSync(paths.state, { recursive: true, force: true });
  renameSync(next, paths.state);
}

async function shutdown(save: (() => Promise<void>) | undefined, code: number): Promise<never> {
  shuttingDown = true;
  if (save) {
    say('saving the Firestore state…');
    await save().then(
      () => say('state saved'),
      (err: unknown) => say(`could not save the state: ${(err as Error).message}`),
    );
  }
  await Promise.all(started.reverse().map((s) => s.stop().catch(() => undefined)));
  process.exit(code);
}

async function main(): Promise<void> {
  const cfg = loadLocalStackConfig();
  const paths = preparePaths(cfg);
  // Before anything starts: a damaged key file stops here, not after the emulators are up.
  const key = ensureLocalEncryptionKey({ dataDir: paths.data, bucketDir: paths.bucket, fromEnv: { key: cfg.BACKUP_ENCRYPTION_KEY, keyId: cfg.BACKUP_ENCRYPTION_KEY_ID } });
  const firestore = await startFirestore(cfg, paths);
  const authHost = await startAuth(cfg, paths);
  useEmulatorsInThisProcess({ firestoreHost: firestore.host, authHost });
  const save = firestore.ours ? () => saveState(firestore.host, cfg, paths) : undefined;
  saveOnExit = save;
  // One Ctrl-C arrives more than once (the terminal signals the whole group, and tsx relays it to this process too);
  // a repeat must not kill the process halfway through saving, so repeats are ignored once shutdown has begun.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!shuttingDown) void shutdown(save, 0);
    });
  }

  const seeded = await seedIfEmpty(cfg);
  const accounts = localAccounts({ email: cfg.LOCAL_ADMIN_EMAIL, password: cfg.LOCAL_ADMIN_PASSWORD });
  await ensureAccounts(cfg.LOCAL_PROJECT_ID, accounts);

  const bucketUrl = `file://${paths.bucket}`;
  const auditKey = ensureLocalAuditKey(paths.data);
  if (auditKey.created) say(`generated the audit trail's HMAC key into ${auditKey.path}`);
  const engineEnv = { ...localEngineEnv({ projectId: cfg.LOCAL_PROJECT_ID, stagingProjectId: cfg.LOCAL_STAGING_PROJECT_ID, bucketDir: paths.bucket, firestoreHost: firestore.host, authHost, key }), BACKUP_AUDIT_HMAC_KEY: auditKey.value };
  const cliEnv = writeCliEnv(paths.data, engineEnv);
  const env = childEnv({
    ...engineEnv,
    NEXT_PUBLIC_FIREBASE_PROJECT_ID: cfg.LOCAL_PROJECT_ID,
    NEXT_PUBLIC_FIREBASE_AUTH_EMULATOR_HOST: authHost,
    NEXT_TELEMETRY_DISABLED: '1',
    ...EMULATOR_PROCESS_ENV,
  });
  await buildIfNeeded(cfg, env, paths);
  say(`starting the console (next ${cfg.LOCAL_NEXT_MODE}) on http://127.0.0.1:${cfg.PORT}`);
  await startNext(cfg, env, paths);

  const url = `http://127.0.0.1:${cfg.PORT}`;
  console.log(
    [
      '',
      '──────────────── Backup & DR console: local stack ready ────────────────',
      `  Console            ${url}/`,
      `  Portal             ${url}/portal/admin/backup`,
      `  Admin account      ${cfg.LOCAL_ADMIN_EMAIL} / ${cfg.LOCAL_ADMIN_PASSWORD}  (claim admin: true)`,
      `  Other roles        ${accounts.slice(1).map((a) => a.email).join(', ')} (same password)`,
      `  Firestore emulator ${firestore.host}  project ${cfg.LOCAL_PROJECT_ID}${firestore.ours ? '' : ' (already running; not started here)'}`,
      `  Auth emulator      ${authHost}`,
      `  Staging target     project:${cfg.LOCAL_STAGING_PROJECT_ID} (same emulator)`,
      `  Backup bucket      ${bucketUrl}`,
      `  Encryption key     ${key.path ?? 'BACKUP_ENCRYPTION_KEY from the environment'} (key id ${key.keyId}, ${key.source}): backups are encrypted by default; keep the key, restores need it`,
      `  Demo data          ${seeded}`,
      `  Logs               ${paths.logs}`,
      `  CLI                . ${cliEnv} && npm run backup -- list   (the same settings and keys as the console)`,
      `  Ready in           ${((Date.now() - t0) / 1000).toFixed(1)} s — Ctrl-C saves the state and stops everything`,
      '─────────────────────────────────────────────────────────────────────────',
    ].join('\n'),
  );
}

if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
  process.stdout.write(START_HELP);
  process.exit(0);
}

main().catch(async (err: unknown) => {
  if (err instanceof ConfigError || err instanceof EmulatorSetupError || err instanceof ChildFailedError) console.error(`\n${err.message}\n`);
  else console.error('\nThe local stack failed to start:', err instanceof Error ? err.message : err, '\n');
  await shutdown(undefined, err instanceof ConfigError ? 2 : 1);
});
