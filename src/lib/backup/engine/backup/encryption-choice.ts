/**
 * Whether a backup is encrypted, decided in one place and failing closed (issue 15, finding 7).
 *
 * The request is a tri-state: `true` (the caller insists), `false` (the caller declines) or `null` (the default,
 * which follows the configuration: encrypted exactly when a key is configured). An insisted-on encryption that
 * cannot happen is refused, never quietly written in plaintext: with no key configured, or for a managed backup
 * (Google's export format, which the console cannot seal; customer-managed keys on the bucket are another matter).
 * The decision is taken twice with the same function: when the job is requested (so a refused request creates no
 * job and writes nothing) and by the worker that writes the data (whose configuration is what counts).
 */
import { EngineError } from '../../errors';
import type { NotEncryptedReason } from '../../format/manifest';

import type { BackupMethod } from './backup-types';

/** `true` insists, `false` declines, `null` (or absent) follows the configuration. */
export type EncryptionRequest = boolean | null;

/** What a backup will be: sealed with the configured key, or plaintext for a stated reason. */
export type EncryptionChoice = { encrypt: true } | { encrypt: false; reason: NotEncryptedReason };

export interface EncryptionChoiceInput {
  method: BackupMethod;
  requested: EncryptionRequest | undefined;
  /** A key to wrap data keys with is configured (BACKUP_ENCRYPTION_KEY). */
  keyConfigured: boolean;
}

/** Decides; throws `invalid_argument` (HTTP 422, CLI exit 2) when encryption is insisted on and cannot happen. */
export function chooseEncryption(input: EncryptionChoiceInput): EncryptionChoice {
  const requested = input.requested ?? null;
  if (input.method === 'managed') {
    if (requested === true) {
      throw new EngineError('invalid_argument', 'a managed backup cannot be encrypted by this console: it is Google\'s export format, written by Firestore itself. Use --method logical for client-side AES-256-GCM encryption, or leave encryption unset', {
        details: { field: 'encrypt', method: 'managed' },
      });
    }
    return { encrypt: false, reason: 'managed_export' };
  }
  if (requested === false) return { encrypt: false, reason: 'not_requested' };
  if (input.keyConfigured) return { encrypt: true };
  if (requested === true) {
    throw new EngineError('invalid_argument', 'encryption was requested but no key is configured: set BACKUP_ENCRYPTION_KEY (a base64 32-byte key, e.g. openssl rand -base64 32), or ask for an unencrypted backup explicitly', {
      details: { field: 'encrypt', requires: 'BACKUP_ENCRYPTION_KEY' },
    });
  }
  return { encrypt: false, reason: 'no_key_configured' };
}

const REASON_TEXT: Readonly<Record<NotEncryptedReason, string>> = {
  not_requested: 'not requested',
  no_key_configured: 'no BACKUP_ENCRYPTION_KEY configured',
  managed_export: 'managed export: not encrypted by the console',
};

/** "encrypted (key k1)" or "not encrypted (no BACKUP_ENCRYPTION_KEY configured)", for logs, CLI and reports. */
export function describeEncryption(r: { encrypted: boolean; keyId: string | null; notEncryptedReason?: NotEncryptedReason | null }): string {
  if (r.encrypted) return `encrypted (AES-256-GCM, key ${r.keyId ?? '?'})`;
  return r.notEncryptedReason ? `not encrypted (${REASON_TEXT[r.notEncryptedReason]})` : 'not encrypted';
}
