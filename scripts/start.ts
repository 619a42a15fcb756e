/**
 * `npm start`: the whole console on one machine, no GCP account needed.
 *
 * Starts the Cloud Firestore emulator (Google Cloud SDK jar) and the Firebase Auth emulator, a `file://` bucket under
 * the data folder, seeds the demo dataset on first start, creates the local accounts, then serves the Next.js app and
 * prints one summary. Ctrl-C exports the emulator's data into the data folder (the next start loads it) and stops
 * every child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';

import { Firestore } from '@google-cloud/firestore';

import { childEnv, ConfigError, EMULATOR_PROCESS_ENV, loadLocalStackConfig, useEmulatorsInThisProcess, type LocalStackConfig } from '../src/lib/backup/config';
import { seedDemoData } from '../src/lib/demo/seed-demo-data';
import { ensureAccounts, localAccounts } from '../src/lib/local/accounts';
import { ensureLocalAuditKey } from '../src/lib/local/audit-key';
import { startAuthEmulator } from '../src/lib/local/auth-emulator';
import { EmulatorSetupError, exportEmulatorDatabase, findExportMetadata, resolveFirestoreEmulator, startFirestoreEmulator } from '../src/lib/local/firestore-emulator';
import { stopChild, waitForHttp, type Stoppable } from '../src/lib/local/process-utils';

const started: Stoppable[] = [];
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

function logTo(file: string): (line: string) => void {
  const out = createWriteStream(file, { flags: 'a' });
  return (line) => out.write(`${line}\n`);
}

async function startFirestore(cfg: LocalStackConfig, paths: Paths): Promise<{ host: string; ours: boolean }> {
  if (cfg.FIRESTORE_EMULATOR_HOST !== undefined) return { host: cfg.FIRESTORE_EMULATOR_HOST, ours: false };
  const jar = resolveFirestoreEmulator({ explicitJar: cfg.FIRESTORE_EMULATOR_JAR, home: cfg.HOME });
  const seed = findExportMetadata(paths.state);
  say(`starting the Cloud Firestore emulator on 127.0.0.1:${cfg.FIRESTORE_EMULATOR_PORT}${seed ? ' (loading the saved state)' : ''}`);
  // Its own process group: a Ctrl-C must not stop it before its data is saved.
  const emulator = await startFirestoreEmulator({ jar, port: cfg.FIRESTORE_EMULATOR_PORT, seedFromExport: seed, log: logTo(join(paths.logs, 'firestore.log')), ownProcessGroup: true });
  started.push(emulator);
  return { host: emulator.host, ours: true };
}

async function startAuth(cfg: LocalStackConfig, paths: Paths): Promise<string> {
  if (cfg.FIREBASE_AUTH_EMULATOR_HOST !== undefined) return cfg.FIREBASE_AUTH_EMULATOR_HOST;
  say(`starting the Firebase Auth emulator on 127.0.0.1:${cfg.AUTH_EMULATOR_PORT}`);
  const auth = await startAuthEmulator({ port: cfg.AUTH_EMULATOR_PORT, projectId: cfg.LOCAL_PROJECT_ID, workDir: join(paths.data, 'auth'), log: logTo(join(paths.logs, 'auth.log')) });
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

function startNext(cfg: LocalStackConfig, env: NodeJS.ProcessEnv, paths: Paths): ChildProcess {
  const nextBin = resolve(require.resolve('next/package.json'), '..', 'dist', 'bin', 'next');
  const args = cfg.LOCAL_NEXT_MODE === 'dev' ? ['dev', '-p', String(cfg.PORT), '-H', '127.0.0.1'] : ['start', '-p', String(cfg.PORT), '-H', '127.0.0.1'];
  const child = spawn(process.execPath, [nextBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = logTo(join(paths.logs, 'next.log'));
  child.stdout?.setEncoding('utf8').on('data', (d: string) => log(d.trimEnd()));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => log(d.trimEnd()));
  started.push({ stop: () => stopChild(child) });
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
  const firestore = await startFirestore(cfg, paths);
  const authHost = await startAuth(cfg, paths);
  useEmulatorsInThisProcess({ firestoreHost: firestore.host, authHost });
  const save = firestore.ours ? () => saveState(firestore.host, cfg, paths) : undefined;
  // One Ctrl-C arrives more than once (the terminal signals the whole group, and tsx relays it to this process too);
  // a repeat must not kill the process halfway through saving, so repeats are ignored once shutdown has begun.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutdown(save, 0);
    });
  }

  const seeded = await seedIfEmpty(cfg);
  const accounts = localAccounts({ email: cfg.LOCAL_ADMIN_EMAIL, password: cfg.LOCAL_ADMIN_PASSWORD });
  await ensureAccounts(cfg.LOCAL_PROJECT_ID, accounts);

  const bucketUrl = `file://${paths.bucket}`;
  const auditKey = ensureLocalAuditKey(paths.data);
  if (auditKey.created) say(`generated the audit trail's HMAC key into ${auditKey.path}`);
  const env = childEnv({
    BACKUP_AUDIT_HMAC_KEY: auditKey.value,
    BACKUP_PROJECT_ID: cfg.LOCAL_PROJECT_ID,
    BACKUP_BUCKET_URL: bucketUrl,
    BACKUP_STAGING_TARGET: `project:${cfg.LOCAL_STAGING_PROJECT_ID}`,
    FIRESTORE_EMULATOR_HOST: firestore.host,
    FIREBASE_AUTH_EMULATOR_HOST: authHost,
    NEXT_PUBLIC_FIREBASE_PROJECT_ID: cfg.LOCAL_PROJECT_ID,
    NEXT_PUBLIC_FIREBASE_AUTH_EMULATOR_HOST: authHost,
    NEXT_TELEMETRY_DISABLED: '1',
    ...EMULATOR_PROCESS_ENV,
  });
  say(`starting the console (next ${cfg.LOCAL_NEXT_MODE}) on http://127.0.0.1:${cfg.PORT}`);
  const next = startNext(cfg, env, paths);
  await waitForHttp(`http://127.0.0.1:${cfg.PORT}/`, next, 180_000);

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
      `  Demo data          ${seeded}`,
      `  Logs               ${paths.logs}`,
      `  CLI                BACKUP_BUCKET_URL=${bucketUrl} FIRESTORE_EMULATOR_HOST=${firestore.host} BACKUP_AUDIT_HMAC_KEY=$(cat ${auditKey.path}) npm run backup -- list`,
      `  Ready in           ${((Date.now() - t0) / 1000).toFixed(1)} s — Ctrl-C saves the state and stops everything`,
      '─────────────────────────────────────────────────────────────────────────',
    ].join('\n'),
  );
}

main().catch(async (err: unknown) => {
  if (err instanceof ConfigError || err instanceof EmulatorSetupError) console.error(`\n${err.message}\n`);
  else console.error('\nThe local stack failed to start:', err instanceof Error ? err.message : err, '\n');
  await shutdown(undefined, 1);
});
