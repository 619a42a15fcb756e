/**
 * `npm ci` refuses a lock file that lacks another platform's optional packages (npm records only the ones it
 * installed when the lock was written from a populated node_modules). Every optional dependency named by a locked
 * package must itself be locked, so `npm ci` works on Linux, macOS and Windows alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockedPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(join(__dirname, '..', 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockedPackage> };

/** Where Node would resolve `name` from the package at `from`: its own node_modules, then each ancestor's. */
function resolves(from: string, name: string): boolean {
  let dir = from;
  for (;;) {
    if (lock.packages[`${dir === '' ? '' : `${dir}/`}node_modules/${name}`] !== undefined) return true;
    if (dir === '') return false;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at < 0 ? '' : dir.slice(0, at);
  }
}

describe('package-lock.json', () => {
  it('is a lockfile v3', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it('locks every optional dependency of every platform, so npm ci works on Linux, macOS and Windows', () => {
    const missing: string[] = [];
    for (const [path, pkg] of Object.entries(lock.packages)) {
      for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
        if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(['@swc/core-darwin-arm64', '@next/swc-win32-x64-msvc', '@tailwindcss/oxide-darwin-arm64'])('holds %s', (name) => {
    expect(lock.packages[`node_modules/${name}`]?.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
