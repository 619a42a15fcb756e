/**
 * Finds and runs the Cloud Firestore emulator shipped with the Google Cloud SDK (a Java jar).
 *
 * We spawn `java` ourselves rather than the SDK's wrapper script: killing the wrapper leaves `java` orphaned. The
 * firebase-tools Firestore emulator needs Java 21 and a download, so it is not used.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { waitForHttp, type Stoppable, stopChild } from './process-utils';

const JAR_NAME = 'cloud-firestore-emulator.jar';
const MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';

/** What to install when something is missing: printed verbatim to the user. */
export const INSTALL_HINT =
  'Install Java 17+ and the Cloud Firestore emulator, e.g.\n' +
  '  apt-get install openjdk-17-jre-headless google-cloud-cli-firestore-emulator\n' +
  'or run `npx firebase setup:emulators:firestore`, or point FIRESTORE_EMULATOR_JAR at cloud-firestore-emulator.jar.';

export class EmulatorSetupError extends Error {
  override readonly name = 'EmulatorSetupError';
}

export interface JarSearch {
  /** FIRESTORE_EMULATOR_JAR, when set. */
  explicitJar?: string;
  /** Defaults to the user's home (firebase-tools cache lives under it). */
  home?: string;
  /** SDK roots to look in instead of the standard ones (tests). */
  sdkRoots?: string[];
  /** Ask `gcloud info` for the SDK root (slow: ~1 s); default true. */
  askGcloud?: boolean;
}

function gcloudSdkRoot(): string | undefined {
  const r = spawnSync('gcloud', ['info', '--format=value(installation.sdk_root)'], { encoding: 'utf8', timeout: 15_000 });
  const out = r.status === 0 ? r.stdout.trim() : '';
  return out === '' ? undefined : out;
}

/**
 * Locates the emulator jar: FIRESTORE_EMULATOR_JAR, then the Google Cloud SDK platform folders, then the
 * firebase-tools cache. Returns the candidates it tried when nothing is found.
 */
export function findFirestoreEmulatorJar(search: JarSearch = {}): { jar?: string; tried: string[] } {
  const tried: string[] = [];
  if (search.explicitJar !== undefined) {
    tried.push(search.explicitJar);
    if (existsSync(search.explicitJar)) return { jar: search.explicitJar, tried };
    // An explicit setting that points nowhere is an error, not a reason to pick some other jar.
    return { tried };
  }
  const roots = search.sdkRoots ?? ['/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk', '/opt/google-cloud-sdk'];
  for (const root of roots) {
    const candidate = join(root, 'platform', 'cloud-firestore-emulator', JAR_NAME);
    tried.push(candidate);
    if (existsSync(candidate)) return { jar: candidate, tried };
  }
  if (search.askGcloud !== false) {
    const root = gcloudSdkRoot();
    if (root !== undefined) {
      const candidate = join(root, 'platform', 'cloud-firestore-emulator', JAR_NAME);
      tried.push(candidate);
      if (existsSync(candidate)) return { jar: candidate, tried };
    }
  }
  const cache = join(search.home ?? homedir(), '.cache', 'firebase', 'emulators');
  tried.push(join(cache, 'cloud-firestore-emulator-*.jar'));
  if (existsSync(cache)) {
    const jars = readdirSync(cache).filter((f) => /^cloud-firestore-emulator-.*\.jar$/.test(f)).sort();
    const newest = jars.at(-1);
    if (newest !== undefined) return { jar: join(cache, newest), tried };
  }
  return { tried };
}

/** True when a `java` binary answers `-version`. */
export function javaAvailable(javaBin = 'java'): boolean {
  const r = spawnSync(javaBin, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  return r.status === 0;
}

/** The jar to run, or an EmulatorSetupError whose message says exactly what to install. */
export function resolveFirestoreEmulator(search: JarSearch = {}, javaBin = 'java'): string {
  if (!javaAvailable(javaBin)) throw new EmulatorSetupError(`Java was not found (tried \`${javaBin} -version\`).\n${INSTALL_HINT}`);
  const { jar, tried } = findFirestoreEmulatorJar(search);
  if (jar === undefined) {
    throw new EmulatorSetupError(`The Cloud Firestore emulator jar was not found. Looked in:\n  ${tried.join('\n  ')}\n${INSTALL_HINT}`);
  }
  return jar;
}

export interface StartFirestoreOptions {
  jar: string;
  port: number;
  host?: string;
  /** A managed-format export (its `.overall_export_metadata` file) to load at start. */
  seedFromExport?: string;
  /** Where the emulator's own output goes; default: discarded. */
  log?: (line: string) => void;
  javaBin?: string;
  startTimeoutMs?: number;
  /**
   * Run in a process group of its own, so a Ctrl-C in the terminal (SIGINT to the whole foreground group) does not
   * reach it: for `npm start`, which saves the emulator's data on Ctrl-C and then stops it by pid. Off by default, so
   * a Ctrl-C of a test run or a script that cannot clean up still stops the emulator with it.
   */
  ownProcessGroup?: boolean;
  /** Called if the emulator exits after it started, whoever stopped it (`npm start` tells a crash from its own stop). */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface RunningFirestoreEmulator extends Stoppable {
  /** host:port, the value of FIRESTORE_EMULATOR_HOST. */
  host: string;
  pid: number;
}

/** Starts the emulator and resolves once it answers HTTP on its port. */
export async function startFirestoreEmulator(opts: StartFirestoreOptions): Promise<RunningFirestoreEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const args = ['-Duser.language=en', '-Xss2m', '-cp', opts.jar, MAIN_CLASS, 'start', `--host=${host}`, `--port=${opts.port}`];
  if (opts.seedFromExport !== undefined) args.push(`--seed_from_export=${opts.seedFromExport}`);
  const child: ChildProcess = spawn(opts.javaBin ?? 'java', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownProcessGroup === true });
  const log = opts.log;
  if (log) {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => d.split('\n').filter(Boolean).forEach(log));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => d.split('\n').filter(Boolean).forEach(log));
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const hostPort = `${host}:${opts.port}`;
  try {
    await waitForHttp(`http://${hostPort}/`, child, opts.startTimeoutMs ?? 180_000);
  } catch (err) {
    await stopChild(child);
    throw new EmulatorSetupError(`The Firestore emulator did not start on ${hostPort}: ${(err as Error).message}`);
  }
  if (opts.onExit) child.once('close', opts.onExit);
  return { host: hostPort, pid: child.pid ?? -1, stop: () => stopChild(child) };
}

/**
 * Asks the emulator to write a managed-format export of one database into `dir` (which must exist). Returns the path
 * of the `.overall_export_metadata` file, usable with `--seed_from_export`.
 */
export async function exportEmulatorDatabase(opts: { host: string; projectId: string; databaseId?: string; dir: string }): Promise<string> {
  const database = `projects/${opts.projectId}/databases/${opts.databaseId ?? '(default)'}`;
  const res = await fetch(`http://${opts.host}/emulator/v1/projects/${opts.projectId}:export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ database, export_directory: opts.dir }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator export failed (${res.status}): ${text.slice(0, 500)}`);
  const metadata = findExportMetadata(opts.dir);
  if (metadata === undefined) throw new Error(`emulator export wrote no .overall_export_metadata into ${opts.dir}`);
  return metadata;
}

/** Deletes every document of one database in the emulator (its `DELETE …/documents` endpoint); emulator only. */
export async function clearEmulatorDatabase(opts: { host: string; projectId: string; databaseId?: string }): Promise<void> {
  const res = await fetch(`http://${opts.host}/emulator/v1/projects/${opts.projectId}/databases/${opts.databaseId ?? '(default)'}/documents`, { method: 'DELETE' });
  const text = await res.text();
  if (!res.ok) throw new Error(`clearing ${opts.projectId} in the emulator failed (${res.status}): ${text.slice(0, 500)}`);
}

/** The `.overall_export_metadata` file inside an export folder (the emulator nests it one level down). */
export function findExportMetadata(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.overall_export_metadata')) return join(entry.parentPath, entry.name);
  }
  return undefined;
}
