import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chooseEncryption } from '../backup/engine/backup/encryption-choice';
import { ConfigError, loadEngineConfig } from '../backup/config';

import { ensureLocalEncryptionKey, localEngineEnv, localKeyPath, writeCliEnv } from './local-encryption';

function dataDir(): { data: string; bucket: string } {
  const data = mkdtempSync(join(tmpdir(), 'local-key-'));
  return { data, bucket: join(data, 'bucket') };
}

describe('the local stack encrypts by default', () => {
  it('generates a 32-byte key into .data/keys (mode 0600) on first start and reuses it later, outside the bucket', () => {
    const d = dataDir();
    const first = ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.bucket });
    expect(first).toMatchObject({ path: join(d.data, 'keys', 'backup-encryption.key'), source: 'generated', keyId: expect.stringMatching(/^local-[0-9a-f]{12}$/) });
    const path = first.path ?? '';
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(path.startsWith(`${d.bucket}/`)).toBe(false);
    const again = ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.bucket });
    expect(again).toEqual({ ...first, source: 'reused' });
    expect(readdirSync(join(d.data, 'keys'))).toEqual(['backup-encryption.key']);
  });

  it('prepares an engine environment whose configuration encrypts logical backups by default', () => {
    const d = dataDir();
    const key = ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.bucket });
    const env = localEngineEnv({ projectId: 'demo-backup', stagingProjectId: 'demo-backup-staging', bucketDir: d.bucket, firestoreHost: '127.0.0.1:8080', authHost: '127.0.0.1:9099', key });
    const config = loadEngineConfig(env);
    expect(config.encryption?.keyId).toBe(key.keyId);
    expect(config.encryption?.key.equals(Buffer.from(readFileSync(localKeyPath(d.data), 'utf8').trim(), 'base64'))).toBe(true);
    expect(config.bucketUrl).toBe(`file://${d.bucket}`);
    expect(chooseEncryption({ method: 'logical', requested: undefined, keyConfigured: config.encryption !== undefined })).toEqual({ encrypt: true });
  });

  it('uses a key given in the environment instead, and writes no file', () => {
    const d = dataDir();
    const k = Buffer.alloc(32, 9).toString('base64');
    expect(ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.bucket, fromEnv: { key: k, keyId: 'mine' } })).toEqual({ path: null, keyId: 'mine', source: 'environment', keyBase64: k });
    expect(readdirSync(d.data)).toEqual([]);
  });

  it('refuses a damaged key file (never replaces it) and tightens a readable one', () => {
    const d = dataDir();
    const first = ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.bucket });
    chmodSync(first.path ?? '', 0o644);
    expect(ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.bucket }).keyId).toBe(first.keyId);
    expect(statSync(first.path ?? '').mode & 0o777).toBe(0o600);
    writeFileSync(first.path ?? '', 'not a key\n');
    expect(() => ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.bucket })).toThrow(ConfigError);
    expect(readFileSync(first.path ?? '', 'utf8')).toBe('not a key\n');
  });

  it('refuses to put the key inside the bucket folder', () => {
    const d = dataDir();
    expect(() => ensureLocalEncryptionKey({ dataDir: d.data, bucketDir: d.data })).toThrow(/inside the backup bucket/);
    expect(readdirSync(d.data)).toEqual([]);
  });
});

describe('writeCliEnv', () => {
  it('writes shell-safe exports of the console settings, readable by the owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-env-'));
    const file = writeCliEnv(dir, { BACKUP_PROJECT_ID: 'demo-x', BACKUP_AUDIT_HMAC_KEY: "a'b$c", 'bad name': 'x' });
    expect(file).toBe(join(dir, 'cli.env'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("export BACKUP_PROJECT_ID='demo-x'\n");
    expect(text).toContain(`export BACKUP_AUDIT_HMAC_KEY='a'\\''b$c'\n`);
    expect(text).not.toContain('bad name');
  });
});
