/**
 * The key of the audit chain. With a key, every entry's hash is an HMAC-SHA256 over its canonical JSON, so someone who
 * can write the control database but does not hold the key cannot rewrite the trail into another consistent chain.
 * Without one (an unkeyed deployment, or entries written before a key was configured) entries are chained with plain
 * SHA-256; each entry records which (`chain`), so old entries stay verifiable after a key is introduced.
 */
import { createHash, createHmac } from 'node:crypto';

import { EngineError } from '../../errors';

/** A loaded chain key: `id` is derived from the key (never the key itself) and recorded in each entry. */
export interface AuditChainKey {
  readonly id: string;
  readonly key: Buffer;
}

/** `sha256` (unkeyed) or `hmac-sha256:<key id>`. */
export type AuditChainId = 'sha256' | `hmac-sha256:${string}`;

export const UNKEYED: AuditChainId = 'sha256';

/** Wraps a secret (>= 32 bytes) as a chain key; its id is the first 16 hex digits of a SHA-256 of the key. */
export function auditChainKey(key: Buffer): AuditChainKey {
  if (key.length < 32) throw new EngineError('invalid_argument', `the audit HMAC key must be at least 32 bytes; got ${key.length}`);
  const id = createHash('sha256').update('backup-audit-chain-key\0').update(key).digest('hex').slice(0, 16);
  return { id, key: Buffer.from(key) };
}

/** The chain id entries written with `key` record. */
export function chainIdOf(key: AuditChainKey | undefined): AuditChainId {
  return key ? `hmac-sha256:${key.id}` : UNKEYED;
}

/** The key id a chain id names, or undefined for the unkeyed chain. */
export function keyIdOf(chain: string): string | undefined {
  return chain.startsWith('hmac-sha256:') ? chain.slice('hmac-sha256:'.length) : undefined;
}

/**
 * Hashes `text` the way `chain` says: SHA-256, or HMAC-SHA256 with `key`. Throws `failed_precondition` when the chain
 * names a key that is not `key` (missing or another one): a value keyed with an unknown key cannot be checked.
 */
export function chainHash(chain: string, text: string, key: AuditChainKey | undefined): string {
  const keyId = keyIdOf(chain);
  if (keyId === undefined) {
    if (chain !== UNKEYED) throw new EngineError('failed_precondition', `unknown audit chain algorithm ${chain}`);
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }
  if (key === undefined) throw new EngineError('failed_precondition', `the audit trail is chained with key ${keyId} (${chain}); BACKUP_AUDIT_HMAC_KEY is not configured in this process`);
  if (key.id !== keyId) throw new EngineError('failed_precondition', `the audit trail is chained with key ${keyId}; the configured BACKUP_AUDIT_HMAC_KEY is key ${key.id}`);
  return createHmac('sha256', key.key).update(text, 'utf8').digest('hex');
}
