/**
 * Builds the app once for the browser tests: `next build` takes minutes on two cores, so it is skipped while
 * `.next/BUILD_ID` is newer than every source file that goes into the build.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { childEnv } from '../../src/lib/backup/config';

const ROOT = resolve(__dirname, '..', '..');
const INPUTS = ['src', 'public', 'next.config.js', 'package.json', 'postcss.config.mjs'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when the existing build is newer than every input. */
export function buildIsFresh(root = ROOT): boolean {
  const id = join(root, '.next', 'BUILD_ID');
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  return INPUTS.every((input) => newestMtime(join(root, input)) < built);
}

/** The `next` CLI entry point. */
export function nextBin(): string {
  return resolve(require.resolve('next/package.json'), '..', 'dist', 'bin', 'next');
}

/** Runs `next build` unless the build is fresh; rejects with the build's output tail when it fails. */
export async function ensureBuilt(log: (line: string) => void): Promise<void> {
  if (buildIsFresh()) {
    log('next build: .next is newer than the sources, reusing it');
    return;
  }
  log('next build: building the portal (a few minutes on two cores)…');
  const t0 = Date.now();
  const child = spawn(process.execPath, [nextBin(), 'build'], { cwd: ROOT, env: childEnv({ NEXT_TELEMETRY_DISABLED: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString('utf8')).slice(-8_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output}`);
  log(`next build: done in ${Math.round((Date.now() - t0) / 1000)} s`);
}
