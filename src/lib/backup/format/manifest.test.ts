import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEngineError } from '../errors';
import { checkManifestConsistency, notEncryptedReason, parseManifest, parseManifestText, sealedWith, serializeManifest, type Manifest } from './manifest';

const dir = join(__dirname, 'testdata', 'manifests');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const expected = JSON.parse(read('expected-errors.json')) as Record<string, { code: string; message: string }>;

function errorOf(fn: () => unknown): { code: string; message: string } | undefined {
  try {
    fn();
  } catch (err) {
    if (!isEngineError(err)) throw err;
    return { code: err.code, message: err.message };
  }
  return undefined;
}

describe('manifest golden files', () => {
  it.each(['valid-logical.json', 'valid-managed.json'])('%s parses and serialises back byte for byte', (name) => {
    const text = read(name);
    const manifest = parseManifestText(text);
    expect(serializeManifest(manifest)).toBe(text);
  });

  it('every invalid file has an expected error, and every expected error a file', () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('invalid-')).sort();
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  it.each(Object.entries(expected))('%s is rejected with its expected error', (name, want) => {
    expect(errorOf(() => parseManifestText(read(name)))).toEqual(want);
  });
});

describe('parseManifest', () => {
  const valid = () => JSON.parse(read('valid-logical.json')) as Manifest;

  it('returns the fields as typed values', () => {
    const m = parseManifest(valid());
    expect(m.method).toBe('logical');
    expect(m.collections['users/*/events']).toEqual({ documents: 50000 });
    expect(sealedWith(m)?.keyId).toBe('env-key-1');
    expect(m.files[0]?.documents).toBe(110000);
  });

  it('names every schema problem in details, the first one in the message', () => {
    const m = valid() as unknown as Record<string, unknown>;
    m.backupId = 'has spaces';
    m.compression = 'zstd';
    let details: unknown;
    try {
      parseManifest(m);
    } catch (err) {
      details = isEngineError(err) ? err.details : err;
    }
    expect(details).toMatchObject({
      field: 'backupId',
      issues: [{ field: 'backupId' }, { field: 'compression' }],
    });
  });

  it('accepts an incremental backup naming its parent, and a manifest without the optional parent', () => {
    const withParent = { ...valid(), parentBackupId: 'bk-20240430T100000Z-0001' };
    expect(parseManifest(withParent).parentBackupId).toBe('bk-20240430T100000Z-0001');
    const { parentBackupId: _omit, ...without } = valid();
    expect(parseManifest(without).parentBackupId).toBeUndefined();
    expect(serializeManifest(parseManifest(without))).not.toContain('parentBackupId');
  });

  it('rejects a manifest naming itself as its parent', () => {
    expect(errorOf(() => parseManifest({ ...valid(), parentBackupId: 'bk-20240501T100000Z-7f3a' }))?.message).toBe(
      'manifest parentBackupId: names the backup itself',
    );
  });

  it('rejects text that is not JSON as an integrity error', () => {
    expect(errorOf(() => parseManifestText('{"format": 1,'))).toEqual({ code: 'integrity', message: 'manifest.json is not valid JSON' });
  });

  it('can skip the consistency checks, and checkManifestConsistency then lists every contradiction', () => {
    const m = valid();
    m.totals = { documents: 1, bytes: 2 };
    m.files[1] = { ...m.files[1]!, path: m.files[0]!.path };
    const parsed = parseManifest(m, { checkConsistency: false });
    expect(checkManifestConsistency(parsed).map((p) => p.field)).toEqual([
      'totals.documents',
      'totals.bytes',
      'files[1].path',
      'totals.documents',
    ]);
  });

  it('records a backup that is not encrypted with its reason, and keeps reading the older null', () => {
    const managed = JSON.parse(read('valid-managed.json')) as Manifest;
    expect(managed.encryption).toBeNull();
    const m = parseManifest({ ...managed, encryption: { algorithm: 'none', reason: 'managed_export' } });
    expect(m.encryption).toEqual({ algorithm: 'none', reason: 'managed_export' });
    expect([sealedWith(m), notEncryptedReason(m), notEncryptedReason(managed)]).toEqual([null, 'managed_export', null]);
    expect(serializeManifest(m)).toContain('"reason": "managed_export"');
  });

  it('refuses a plaintext reason that contradicts the method, and a sealed managed export', () => {
    const logical = valid();
    const chunks = logical.files.map((f) => ({ ...f, path: f.path.replace(/\.enc$/, '') }));
    const plain = { ...logical, files: chunks, encryption: { algorithm: 'none', reason: 'managed_export' } };
    expect(errorOf(() => parseManifest(plain))?.message).toBe('manifest encryption.reason: managed_export is the reason of managed backups only');
    expect(parseManifest({ ...plain, encryption: { algorithm: 'none', reason: 'no_key_configured' } }).encryption).toEqual({ algorithm: 'none', reason: 'no_key_configured' });
    const sealedManaged = { ...(JSON.parse(read('valid-managed.json')) as Manifest), encryption: logical.encryption };
    expect(errorOf(() => parseManifest(sealedManaged))?.message).toMatch(/^manifest encryption: says AES-256-GCM, but a managed export/);
  });

  it('requires no per-file document counts from a managed backup', () => {
    const m = parseManifestText(read('valid-managed.json'));
    expect(m.files.filter((f) => f.documents === undefined)).toHaveLength(3);
    expect(checkManifestConsistency(m)).toEqual([]);
  });
});

describe('serializeManifest', () => {
  it('is independent of the key order of its input and ends with a newline', () => {
    const m = parseManifestText(read('valid-logical.json'));
    const shuffled = Object.fromEntries(Object.entries(m).reverse()) as Manifest;
    shuffled.files = m.files.map((f) => Object.fromEntries(Object.entries(f).reverse()) as typeof f);
    shuffled.collections = Object.fromEntries(Object.entries(m.collections).reverse());
    expect(serializeManifest(shuffled)).toBe(serializeManifest(m));
    expect(serializeManifest(m).endsWith('}\n')).toBe(true);
    expect(parseManifestText(serializeManifest(m))).toEqual(m);
  });
});
