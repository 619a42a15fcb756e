import { randomBytes } from 'node:crypto';
import { EnvKeyWrapper } from '../adapters/crypto/env-key-wrapper';
import { EngineError } from '../errors';
import { sealedWith, type Manifest } from './manifest';
import { buildLogicalBackup, MemoryFiles, smallDocuments } from './testing/logical-fixtures';
import { checkWrappedKey, ChunkVerifier, verifyLogicalBackup, type VerifyFinding } from './verify-logical-backup';

const keyWrapper = new EnvKeyWrapper({ keyId: 'env-key-1', key: randomBytes(32) });
const C1 = 'chunks/000001.ndjson.gz.enc';
const C2 = 'chunks/000002.ndjson.gz.enc';
const C3 = 'chunks/000003.ndjson.gz.enc';

async function encryptedBackup() {
  const files = new MemoryFiles();
  const manifest = await buildLogicalBackup(smallDocuments(300), files, { keyWrapper, maxChunkDocuments: 100 });
  return { files, manifest };
}

function codes(findings: VerifyFinding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.code}${f.file === undefined ? '' : `@${f.file}`}`);
}

function flipByte(at: number) {
  return (b: Buffer) => {
    b[at] = (b[at] ?? 0) ^ 0x01;
    return b;
  };
}

describe('verifyLogicalBackup', () => {
  it('passes an intact encrypted backup and counts what it read', async () => {
    const { files, manifest } = await encryptedBackup();
    expect(manifest.files.map((f) => f.path)).toEqual([C1, C2, C3]);
    const result = await verifyLogicalBackup(manifest, files.open, keyWrapper);
    expect(result).toEqual({ ok: true, findings: [], documents: 300, bytes: manifest.totals.bytes });
  });

  it('passes an intact unencrypted backup without a key wrapper', async () => {
    const files = new MemoryFiles();
    const manifest = await buildLogicalBackup(smallDocuments(30), files, { compression: 'none', maxChunkDocuments: 7 });
    expect(await verifyLogicalBackup(manifest, files.open)).toMatchObject({ ok: true, findings: [], documents: 30 });
  });

  it('reports a flipped byte in one chunk and still checks the others', async () => {
    const { files, manifest } = await encryptedBackup();
    files.replace(C2, flipByte(100));
    const result = await verifyLogicalBackup(manifest, files.open, keyWrapper);
    expect(result.ok).toBe(false);
    expect(codes(result.findings)).toEqual([`error:sha256_mismatch@${C2}`, 'warning:collections_not_checked']);
    expect(result.findings[0]?.message).toBe(`chunk ${C2}: SHA-256 mismatch`);
    expect(result.documents).toBe(200);
  });

  it('collects every finding: a truncated chunk, a missing chunk and a flipped byte together', async () => {
    const { files, manifest } = await encryptedBackup();
    files.replace(C1, (b) => b.subarray(0, b.length - 1));
    files.files.delete(C2);
    files.replace(C3, flipByte(5));
    const result = await verifyLogicalBackup(manifest, files.open, keyWrapper);
    expect(codes(result.findings)).toEqual([
      `error:size_mismatch@${C1}`,
      `error:missing_file@${C2}`,
      `error:sha256_mismatch@${C3}`,
      'warning:collections_not_checked',
    ]);
    expect(result.findings[1]?.message).toBe(`chunk ${C2} is missing`);
    expect(result).toMatchObject({ ok: false, documents: 0, bytes: 0 });
  });

  it('reports an edited manifest: totals, collection counts and chunk counts that disagree', async () => {
    const { files, manifest } = await encryptedBackup();
    const edited: Manifest = structuredClone(manifest);
    edited.totals.documents = 299;
    const users = edited.collections.users;
    if (users === undefined) throw new Error('fixture has no users collection');
    users.documents += 5;
    const result = await verifyLogicalBackup(edited, files.open, keyWrapper);
    expect(codes(result.findings)).toEqual([
      'error:manifest_inconsistent@manifest.json',
      'error:manifest_inconsistent@manifest.json',
      'error:collection_count_mismatch@manifest.json',
    ]);
    expect(result.findings.map((f) => f.message)).toEqual([
      'manifest totals.documents: is 299 but the collections add up to 305',
      'manifest totals.documents: is 299 but the chunks add up to 300',
      'collection users: the chunks hold 200 documents, the manifest records 205',
    ]);
  });

  it('reports a chunk whose recorded document count was edited', async () => {
    const { files, manifest } = await encryptedBackup();
    const edited: Manifest = structuredClone(manifest);
    const entry = edited.files[0];
    if (entry === undefined) throw new Error('no chunk');
    entry.documents = 99;
    const result = await verifyLogicalBackup(edited, files.open, keyWrapper);
    expect(codes(result.findings)).toEqual([
      'error:manifest_inconsistent@manifest.json',
      `error:count_mismatch@${C1}`,
      'warning:collections_not_checked',
    ]);
  });

  it('detects chunks swapped between positions even when the manifest hashes were swapped to match', async () => {
    const { files, manifest } = await encryptedBackup();
    const one = files.files.get(C1);
    const two = files.files.get(C2);
    if (one === undefined || two === undefined) throw new Error('fixture chunks missing');
    files.files.set(C1, two);
    files.files.set(C2, one);
    const edited: Manifest = structuredClone(manifest);
    const [e1, e2] = edited.files;
    if (e1 === undefined || e2 === undefined) throw new Error('fixture entries missing');
    [e1.bytes, e1.sha256, e2.bytes, e2.sha256] = [e2.bytes, e2.sha256, e1.bytes, e1.sha256];
    const result = await verifyLogicalBackup(edited, files.open, keyWrapper);
    expect(codes(result.findings)).toEqual([`error:decrypt_failed@${C1}`, `error:decrypt_failed@${C2}`, 'warning:collections_not_checked']);
    expect(result.findings[0]?.message).toMatch(/key id env-key-1/);
  });

  it('reports a wrong key once, and still checks every chunk hash', async () => {
    const { files, manifest } = await encryptedBackup();
    files.replace(C3, flipByte(50));
    const impostor = new EnvKeyWrapper({ keyId: 'env-key-1', key: randomBytes(32) });
    const result = await verifyLogicalBackup(manifest, files.open, impostor);
    expect(codes(result.findings)).toEqual([
      'error:wrong_key@manifest.json',
      `error:sha256_mismatch@${C3}`,
      'warning:collections_not_checked',
    ]);
    expect(result.findings[0]?.message).toMatch(/wrong key for key id env-key-1/);
  });

  it('reports an encrypted backup checked without any key', async () => {
    const { files, manifest } = await encryptedBackup();
    const result = await verifyLogicalBackup(manifest, files.open);
    expect(codes(result.findings)).toEqual(['error:key_unavailable@manifest.json', 'warning:collections_not_checked']);
    expect(result.findings[0]?.message).toBe('the backup is encrypted with key id env-key-1 and no key is configured');
  });

  it('refuses a managed backup', async () => {
    const { files, manifest } = await encryptedBackup();
    const result = await verifyLogicalBackup({ ...manifest, method: 'managed' }, files.open, keyWrapper);
    expect(codes(result.findings)).toEqual(['error:not_logical@manifest.json']);
  });

  it('throws a transient storage failure instead of calling the backup damaged', async () => {
    const { manifest } = await encryptedBackup();
    const flaky = async () => {
      throw new EngineError('unavailable', 'bucket timed out');
    };
    await expect(verifyLogicalBackup(manifest, flaky, keyWrapper)).rejects.toThrow('bucket timed out');
  });

  it('reads chunks opened as streams (BackupStore.read), with not_found raised on first read', async () => {
    const { files, manifest } = await encryptedBackup();
    files.files.delete(C1);
    const open = (path: string): AsyncIterable<Buffer> => ({
      async *[Symbol.asyncIterator]() {
        const data = files.files.get(path);
        if (data === undefined) throw new EngineError('not_found', `${path} not found`);
        for (let i = 0; i < data.length; i += 1000) yield data.subarray(i, i + 1000);
      },
    });
    const result = await verifyLogicalBackup(manifest, open, keyWrapper);
    expect(codes(result.findings)).toEqual([`error:missing_file@${C1}`, 'warning:collections_not_checked']);
    expect(result.documents).toBe(200);
  });
});

describe('ChunkVerifier (a backup verifying itself chunk by chunk) and checkWrappedKey', () => {
  async function verifyIncrementally(files: MemoryFiles, manifest: Manifest, dataKey: Buffer | undefined, skip?: string) {
    const v = new ChunkVerifier({ backupId: manifest.backupId, open: files.open, dataKey, keyId: sealedWith(manifest)?.keyId, namesOnly: true });
    for (const entry of manifest.files) if (entry.path !== skip) await v.check(entry);
    return v.finish(manifest, await checkWrappedKey(manifest, keyWrapper, dataKey));
  }

  it('gives the same verdicts as verifyLogicalBackup: intact, a damaged chunk, an edited count', async () => {
    const { files, manifest } = await encryptedBackup();
    const dataKey = await keyWrapper.unwrap(sealedWith(manifest)?.wrappedKey ?? '', 'env-key-1');
    expect(await verifyIncrementally(files, manifest, dataKey)).toEqual(await verifyLogicalBackup(manifest, files.open, keyWrapper));
    const edited: Manifest = { ...manifest, collections: { ...manifest.collections, users: { documents: 1 } } };
    expect(codes((await verifyIncrementally(files, edited, dataKey)).findings)).toEqual(codes((await verifyLogicalBackup(edited, files.open, keyWrapper)).findings));
    files.replace(C2, flipByte(40));
    const incremental = await verifyIncrementally(files, manifest, dataKey);
    expect(incremental.ok).toBe(false);
    expect(codes(incremental.findings)).toEqual(codes((await verifyLogicalBackup(manifest, files.open, keyWrapper)).findings));
  });

  it('fails a manifest listing a chunk that was never checked', async () => {
    const { files, manifest } = await encryptedBackup();
    const dataKey = await keyWrapper.unwrap(sealedWith(manifest)?.wrappedKey ?? '', 'env-key-1');
    expect(codes((await verifyIncrementally(files, manifest, dataKey, C3)).findings)).toEqual([`error:unreadable_file@${C3}`, 'warning:collections_not_checked']);
  });

  it('fails when the wrapped key does not unwrap to the key the chunks were sealed with', async () => {
    const { manifest } = await encryptedBackup();
    expect(codes(await checkWrappedKey(manifest, keyWrapper, randomBytes(32)))).toEqual(['error:wrong_key@manifest.json']);
    expect(codes(await checkWrappedKey(manifest, keyWrapper, undefined))).toEqual(['error:wrong_key@manifest.json']);
    const other = new EnvKeyWrapper({ keyId: 'env-key-1', key: randomBytes(32) });
    expect(codes(await checkWrappedKey(manifest, other, randomBytes(32)))).toEqual(['error:wrong_key@manifest.json']);
  });
});
