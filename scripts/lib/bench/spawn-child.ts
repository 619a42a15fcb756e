/**
 * Runs one bench child (`node --import tsx scripts/lib/bench/<op>.ts '<spec json>'`) against our own emulator and
 * returns its parsed result. Children are tracked so an interrupted bench stops them (by pid, never by name).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { childEnv } from '../../../src/lib/backup';

import { childResultSchema, RESULT_MARKER, type ChildResult } from './child-protocol';

/** The child entry points, by file name in this folder. */
export type ChildOp = 'seed' | 'read-floor' | 'backup-stage' | 'emulator-export' | 'engine-backup' | 'engine-restore' | 'bulkwriter-floor' | 'audit-requests';

const running = new Set<ChildProcess>();

/** Stops every child still running (SIGTERM to each pid this module started). */
export function killRunningChildren(): void {
  for (const child of running) child.kill('SIGTERM');
}

/** Spawns the child, forwards its stderr, and resolves with its result line; rejects when it fails. */
export function runBenchChild(op: ChildOp, spec: Record<string, unknown>, emulatorHost: string): Promise<ChildResult> {
  const entry = join(__dirname, `${op}.ts`);
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(spec)], {
    // METADATA_SERVER_DETECTION=none: with no credentials configured, google-auth-library (called by gax's createStub
    // for every client, emulator or not) probes the GCE metadata server at 169.254.169.254 — off this machine, and
    // ~1 s of waiting per process that would be charged to the operation measured.
    env: childEnv({ FIRESTORE_EMULATOR_HOST: emulatorHost, METADATA_SERVER_DETECTION: 'none' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.delete(child);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      const stray = out.split('\n').filter((l) => l !== '' && !l.startsWith(RESULT_MARKER));
      if (stray.length > 0) process.stderr.write(`${stray.map((l) => `  [${op}] ${l}`).join('\n')}\n`);
      if (code !== 0 || line === undefined) {
        reject(new Error(`bench child ${op} failed (exit ${code ?? 'none'}${signal ? `, ${signal}` : ''})`));
        return;
      }
      resolve(childResultSchema.parse(JSON.parse(line.slice(RESULT_MARKER.length))));
    });
  });
}
