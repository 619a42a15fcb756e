/**
 * The local stack's secret files (`npm start`: the encryption key, the audit-chain key): read when present, else
 * created owner-only (0600) with `size` random bytes in base64. Created with `wx`, so a key another start wrote a
 * moment ago is never overwritten: what it sealed or chained would be lost.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function readOrCreateKeyFile(path: string, size: number, randomBytes: (size: number) => Buffer = cryptoRandomBytes): { text: string; created: boolean } {
  try {
    return { text: readFileSync(path, 'utf8').trim(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const text = randomBytes(size).toString('base64');
  writeFileSync(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  return { text, created: true };
}
