/**
 * The local stack's audit-chain key: generated into the data folder on first start and reused after, so the trail
 * `npm start` writes is keyed like a production one (BACKUP_AUDIT_HMAC_KEY) and stays verifiable across restarts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCAL_AUDIT_KEY_FILE = 'audit-hmac.key';

/** The key (base64 of 32 random bytes) in `<dataDir>/audit-hmac.key`, created owner-only when missing. */
export function ensureLocalAuditKey(dataDir: string): { path: string; value: string; created: boolean } {
  const path = join(dataDir, LOCAL_AUDIT_KEY_FILE);
  try {
    return { path, value: readFileSync(path, 'utf8').trim(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const value = randomBytes(32).toString('base64');
  // `wx`: never overwrite a key another start wrote meanwhile — a new key would make the existing trail unverifiable.
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return { path, value, created: true };
}
