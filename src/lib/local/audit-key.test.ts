import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadEngineConfig } from '../backup/config';

import { ensureLocalAuditKey } from './audit-key';

describe('the local audit key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once, owner-only, and reused on the next start', () => {
    const first = ensureLocalAuditKey(dir);
    expect(first.created).toBe(true);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const again = ensureLocalAuditKey(dir);
    expect(again).toEqual({ path: first.path, value: first.value, created: false });
  });

  it('is a key the engine configuration accepts', () => {
    const { value } = ensureLocalAuditKey(dir);
    const config = loadEngineConfig({ BACKUP_PROJECT_ID: 'demo-backup', BACKUP_BUCKET_URL: 'file:///tmp/b', BACKUP_AUDIT_HMAC_KEY: value });
    expect(config.audit?.hmacKey).toEqual(Buffer.from(value, 'base64'));
    expect(config.audit?.hmacKey?.length).toBe(32);
  });
});
