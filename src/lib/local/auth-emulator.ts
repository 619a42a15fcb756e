/**
 * Runs the Firebase Auth emulator from the project's own `firebase-tools` (pure Node, starts offline).
 *
 * firebase-tools reserves a hub and a logging port besides the emulator's; all three are chosen by the caller so
 * several stacks (the console and a test run) can run side by side.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { childEnv, EMULATOR_PROCESS_ENV } from '../backup';
import { freePort, type Stoppable, stopChild, waitForHttp } from './process-utils';

export interface StartAuthOptions {
  port: number;
  projectId: string;
  /** A folder for the generated firebase.json and firebase-tools' own logs. */
  workDir: string;
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /** Called if the emulator exits after it started, whoever stopped it (`npm start` tells a crash from its own stop). */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface RunningAuthEmulator extends Stoppable {
  /** host:port, the value of FIREBASE_AUTH_EMULATOR_HOST. */
  host: string;
  pid: number;
}

function firebaseBin(): string {
  return resolve(require.resolve('firebase-tools/package.json'), '..', 'lib', 'bin', 'firebase.js');
}

/** Starts the Auth emulator and resolves when it answers. */
export async function startAuthEmulator(opts: StartAuthOptions): Promise<RunningAuthEmulator> {
  mkdirSync(opts.workDir, { recursive: true });
  const [hubPort, loggingPort] = [await freePort(), await freePort()];
  const config = {
    emulators: {
      auth: { host: '127.0.0.1', port: opts.port },
      hub: { host: '127.0.0.1', port: hubPort },
      logging: { host: '127.0.0.1', port: loggingPort },
      ui: { enabled: false },
    },
  };
  const configPath = join(opts.workDir, 'firebase.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawn(
    process.execPath,
    [firebaseBin(), 'emulators:start', '--only', 'auth', '--project', opts.projectId, '--config', configPath],
    // detached: firebase-tools is its own process group, so stopping it stops anything it spawned. CI=true stops it
    // fetching its message of the day from the internet at start (this machine has no route there).
    { cwd: opts.workDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: childEnv({ FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true', CI: 'true', ...EMULATOR_PROCESS_ENV }) },
  );
  const log = opts.log;
  for (const stream of [child.stdout, child.stderr]) {
    if (log) stream?.setEncoding('utf8').on('data', (d: string) => d.split('\n').filter((l) => l.trim() !== '').forEach(log));
    else stream?.resume();
  }
  const host = `127.0.0.1:${opts.port}`;
  try {
    await waitForHttp(`http://${host}/`, child, opts.startTimeoutMs ?? 180_000);
  } catch (err) {
    await stopChild(child);
    throw new Error(`The Firebase Auth emulator did not start on ${host}: ${(err as Error).message}`);
  }
  if (opts.onExit) child.once('close', opts.onExit);
  return { host, pid: child.pid ?? -1, stop: () => stopChild(child) };
}
