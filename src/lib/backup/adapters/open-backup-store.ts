/**
 * One entry point from a configured URL to a BackupStore, so config, scripts and the composition root never branch on
 * schemes themselves.
 */
import { Storage } from '@google-cloud/storage';

import { EngineError } from '../errors';
import type { BackupStore } from '../ports';
import { openFileBackupStore } from './file/file-backup-store';
import { openGcsBackupStore } from './gcs/gcs-backup-store';
import { namedMemoryBackupStore } from './memory/memory-backup-store';

/** What `openBackupStore` may be given instead of building it: a configured Storage client (credentials, project). */
export interface OpenBackupStoreDeps {
  storage?: Storage;
}

const MEMORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The store a URL names:
 * - `gs://bucket/prefix` — Cloud Storage, through `deps.storage` or a client with Application Default Credentials;
 * - `file:///abs/path` — a local directory;
 * - `memory://<name>` — the process-wide in-memory store of that name (tests, demos).
 *
 * Anything else fails with `invalid_argument` naming the accepted forms. No I/O happens here.
 */
export function openBackupStore(url: string, deps: OpenBackupStoreDeps = {}): BackupStore {
  if (url.startsWith('gs://')) return openGcsBackupStore(url, deps.storage ?? new Storage());
  if (url.startsWith('file:')) return openFileBackupStore(url);
  if (url.startsWith('memory://')) {
    const name = url.slice('memory://'.length);
    if (!MEMORY_NAME.test(name)) throw invalidUrl(url, 'a memory store name is 1–100 letters, digits, ".", "_" or "-"');
    return namedMemoryBackupStore(name);
  }
  throw invalidUrl(url, 'expected gs://bucket/prefix, file:///absolute/path or memory://name');
}

function invalidUrl(url: string, reason: string): EngineError {
  return new EngineError('invalid_argument', `invalid backup store URL ${JSON.stringify(url)}: ${reason}`, { details: { url, reason } });
}
