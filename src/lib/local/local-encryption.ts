/**
 * The local stack encrypts by default (issue 15, finding 7): `npm start` generates a random 32-byte key-encryption key
 * into the data folder on first start (`.data/keys/backup-encryption.key`, mode 0600, base64 text) and reuses it
 * later. The key never sits in the bucket folder: a copy of the bucket alone must not be readable. A key given in the
 * environment (BACKUP_ENCRYPTION_KEY) wins over the file.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

import { ConfigError } from '../backup';

import { readOrCreateKeyFile } from './key-file';

export interface LocalEncryptionKey {
  /** The key file, or null when the key came from the environment. */
  path: string | null;
  keyId: string;
  /** How this start got the key. */
  source: 'generated' | 'reused' | 'environment';
  /** Base64, as BACKUP_ENCRYPTION_KEY expects. */
  keyBase64: string;
}

export interface LocalKeyOptions {
  dataDir: string;
  /** The file:// bucket folder: the key must not be inside it. */
  bucketDir: string;
  /** BACKUP_ENCRYPTION_KEY / _ID from the environment, if set (they win). */
  fromEnv?: { key?: string; keyId?: string };
  randomBytes?: (size: number) => Buffer;
}

const KEY_BYTES = 32;

/** Where `npm start` keeps its key. */
export function localKeyPath(dataDir: string): string {
  return join(resolve(dataDir), 'keys', 'backup-encryption.key');
}

/** A stable id derived from the key, so a manifest names which local key sealed it (and a new key gets a new id). */
export function localKeyId(key: Buffer): string {
  return `local-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** The environment's key, or the data folder's key file (created on first use, mode 0600). */
export function ensureLocalEncryptionKey(opts: LocalKeyOptions): LocalEncryptionKey {
  if (opts.fromEnv?.key) {
    return { path: null, keyId: opts.fromEnv.keyId ?? localKeyId(Buffer.from(opts.fromEnv.key, 'base64')), source: 'environment', keyBase64: opts.fromEnv.key };
  }
  const path = localKeyPath(opts.dataDir);
  const inBucket = relative(resolve(opts.bucketDir), path);
  if (inBucket === '' || (!inBucket.startsWith('..') && !isAbsolute(inBucket))) {
    throw new ConfigError([`LOCAL_DATA_DIR: the encryption key ${path} would sit inside the backup bucket ${opts.bucketDir}; keys never sit beside the backups`]);
  }
  if (existsSync(path)) return { path, ...readKeyFile(path), source: 'reused' };
  const { text } = readOrCreateKeyFile(path, KEY_BYTES, opts.randomBytes);
  return { path, keyId: localKeyId(Buffer.from(text, 'base64')), source: 'generated', keyBase64: text };
}

function readKeyFile(path: string): { keyId: string; keyBase64: string } {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const text = readFileSync(path, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]+=*$/.test(text)) {
    throw new ConfigError([`${path}: expected a base64-encoded ${KEY_BYTES}-byte key; restore it from your copy (backups sealed with it cannot be read without it), or move it away to generate a new one`]);
  }
  return { keyId: localKeyId(key), keyBase64: text };
}

/** The engine's environment for the local stack's children (the Next server and its in-process worker, the CLI). */
export function localEngineEnv(input: {
  projectId: string;
  stagingProjectId: string;
  bucketDir: string;
  firestoreHost: string;
  authHost: string;
  key: LocalEncryptionKey;
}): Record<string, string> {
  return {
    BACKUP_PROJECT_ID: input.projectId,
    BACKUP_BUCKET_URL: `file://${input.bucketDir}`,
    BACKUP_STAGING_TARGET: `project:${input.stagingProjectId}`,
    BACKUP_ENCRYPTION_KEY: input.key.keyBase64,
    BACKUP_ENCRYPTION_KEY_ID: input.key.keyId,
    FIRESTORE_EMULATOR_HOST: input.firestoreHost,
    FIREBASE_AUTH_EMULATOR_HOST: input.authHost,
  };
}

/** A shell-safe single-quoted value. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Writes `<dataDir>/cli.env`: `export NAME='value'` lines of the console's engine settings and keys, so a second
 * terminal runs the CLI exactly as the console does (`. .data/cli.env && npm run backup -- list`). Mode 0600: it
 * holds the encryption and audit keys. Returns its path.
 */
export function writeCliEnv(dataDir: string, env: Record<string, string>): string {
  const file = join(dataDir, 'cli.env');
  const lines = Object.entries(env)
    .filter(([name]) => /^[A-Z_][A-Z0-9_]*$/.test(name))
    .map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  writeFileSync(file, `# Written by npm start: the console's settings for the CLI. Holds keys: keep it private.\n${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
