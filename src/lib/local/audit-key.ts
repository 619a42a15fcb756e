/**
 * The local stack's audit-chain key: generated into the data folder on first start and reused after, so the trail
 * `npm start` writes is keyed like a production one (BACKUP_AUDIT_HMAC_KEY) and stays verifiable across restarts.
 */
import { join } from 'node:path';

import { readOrCreateKeyFile } from './key-file';

export const LOCAL_AUDIT_KEY_FILE = 'audit-hmac.key';

/** The key (base64 of 32 random bytes) in `<dataDir>/audit-hmac.key`, created owner-only when missing. */
export function ensureLocalAuditKey(dataDir: string): { path: string; value: string; created: boolean } {
  const path = join(dataDir, LOCAL_AUDIT_KEY_FILE);
  const { text, created } = readOrCreateKeyFile(path, 32);
  return { path, value: text, created };
}
