import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { isEngineError } from '../errors';
import { readChunk, readChunkNames, type ReadChunkOptions } from './chunk-reader';
import { documentToLine } from './document-line';
import { generateDataKey, sealChunk } from './envelope';
import type { ManifestFileEntry } from './manifest';
import { writeChunks } from './chunk-writer';
import { MemoryFiles, smallDocuments } from './testing/logical-fixtures';

const backupId = 'bk-reader';

/** Reads a chunk to the end; returns how many documents came out before the error, and the error. */
async function drain(bytes: Buffer | AsyncIterable<Buffer>, options: ReadChunkOptions) {
  let yielded = 0;
  try {
    for await (const _doc of readChunk(bytes, options)) yielded++;
  } catch (err) {
    return { yielded, err };
  }
  return { yielded, err: undefined };
}

function entryFor(path: string, bytes: Buffer, extra: Partial<ManifestFileEntry> = {}): ManifestFileEntry {
  return { path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), ...extra };
}

function expectIntegrity(err: unknown, check: string, message: RegExp): void {
  expect(isEngineError(err, 'integrity')).toBe(true);
  expect((err as { details?: { check?: string } }).details?.check).toBe(check);
  expect((err as Error).message).toMatch(message);
}

async function oneChunk(encrypt: boolean) {
  const files = new MemoryFiles();
  const dataKey = encrypt ? generateDataKey() : undefined;
  const { files: [entry] } = await writeChunks(smallDocuments(50), { backupId, sink: files.sink, encryption: dataKey && { dataKey } });
  if (entry === undefined) throw new Error('no chunk written');
  const bytes = files.files.get(entry.path) ?? Buffer.alloc(0);
  return { entry, bytes, dataKey };
}

describe('readChunk', () => {
  it('reads a chunk given as a stream of small pieces', async () => {
    const { entry, bytes } = await oneChunk(false);
    async function* pieces() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    expect(await drain(pieces(), { entry, backupId })).toEqual({ yielded: 50, err: undefined });
  });

  it('checks the SHA-256 before yielding anything', async () => {
    const { entry, bytes, dataKey } = await oneChunk(true);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 20] = (damaged[damaged.length - 20] ?? 0) ^ 0xff;
    const { yielded, err } = await drain(damaged, { entry, backupId, dataKey });
    expect(yielded).toBe(0);
    expectIntegrity(err, 'sha256', /^chunk chunks\/000001\.ndjson\.gz\.enc: SHA-256 mismatch$/);
  });

  it('reports a truncated chunk as a size mismatch, and stops reading a chunk longer than recorded', async () => {
    const { entry, bytes } = await oneChunk(false);
    expectIntegrity((await drain(bytes.subarray(0, 40), { entry, backupId })).err, 'size', /40 bytes stored, the manifest records \d+ \(truncated\?\)/);
    async function* endless() {
      for (;;) yield Buffer.alloc(1024);
    }
    expectIntegrity((await drain(endless(), { entry, backupId })).err, 'size', /more than the \d+ bytes the manifest records/);
  });

  it('names the key id when the data key is wrong, and needs a key for an encrypted chunk', async () => {
    const { entry, bytes } = await oneChunk(true);
    const wrong = await drain(bytes, { entry, backupId, dataKey: generateDataKey(), keyId: 'env-key-7' });
    expect(wrong.yielded).toBe(0);
    expectIntegrity(wrong.err, 'decrypt', /^chunk chunks\/000001\.ndjson\.gz\.enc: cannot decrypt: .*key id env-key-7/);
    const none = await drain(bytes, { entry, backupId });
    expect(isEngineError(none.err, 'invalid_argument')).toBe(true);
    expect((none.err as Error).message).toBe('chunk chunks/000001.ndjson.gz.enc is encrypted: a data key is needed');
  });

  it('reports a truncated gzip stream whose hash was recorded as is (a writer bug or a forged manifest)', async () => {
    const { bytes } = await oneChunk(false);
    const cut = bytes.subarray(0, bytes.length - 30);
    const { err } = await drain(cut, { entry: entryFor('chunks/000001.ndjson.gz', cut), backupId });
    expectIntegrity(err, 'gzip', /^chunk chunks\/000001\.ndjson\.gz: cannot decompress: unexpected end of file/);
  });

  it('authenticates a sealed chunk even when the hash in the manifest was forged to match', async () => {
    const dataKey = generateDataKey();
    const sealed = await sealChunk(gzipSync('{"name":"a/b","fields":{}}\n'), { backupId, path: 'chunks/000001.ndjson.gz.enc', dataKey });
    const moved = entryFor('chunks/000002.ndjson.gz.enc', sealed);
    expectIntegrity((await drain(sealed, { entry: moved, backupId, dataKey })).err, 'decrypt', /authentication failed/);
  });

  it.each([
    ['a line that is not JSON', '{"name":"a/b","fields":{}}\n{"name":\n', /^chunk chunks\/000009\.ndjson\.gz, line 2: not valid JSON$/],
    ['a line that is not a document', '{"name":"a/b","fields":{}}\n[]\n', /line 2: not a document/],
    ['a last line without its newline', '{"name":"a/b","fields":{}}\n{"name":"a/c","fields":{}}', /line 2 has no end of line/],
  ])('reports %s with its line number', async (_what, text, message) => {
    const gz = gzipSync(text);
    const { err, yielded } = await drain(gz, { entry: entryFor('chunks/000009.ndjson.gz', gz), backupId });
    expect(yielded).toBe(1);
    expectIntegrity(err, 'line', message);
  });

  it('decodes multi-byte characters split across decompressed pieces', async () => {
    const long = '✓😀é'.repeat(40_000);
    const gz = gzipSync(`${JSON.stringify({ name: 'a/b', fields: { s: { stringValue: long } } })}\n`);
    const docs = [];
    for await (const doc of readChunk(gz, { entry: entryFor('chunks/000001.ndjson.gz', gz), backupId })) docs.push(doc);
    expect(docs[0]?.fields.s).toEqual({ stringValue: long });
  });

  it('checks the document count and first/last names against the manifest entry', async () => {
    const { entry, bytes } = await oneChunk(false);
    expectIntegrity((await drain(bytes, { entry: { ...entry, documents: 51 }, backupId })).err, 'count', /holds 50 documents, the manifest records 51/);
    expectIntegrity((await drain(bytes, { entry: { ...entry, lastName: 'users/zzz' }, backupId })).err, 'names', /the manifest records users\/u0\/events\/d0 \/ users\/zzz/);
  });
});

describe('readChunkNames', () => {
  async function names(bytes: Buffer, options: ReadChunkOptions) {
    const out: string[] = [];
    try {
      for await (const name of readChunkNames(bytes, options)) out.push(name);
    } catch (err) {
      return { out, err };
    }
    return { out, err: undefined };
  }

  it('yields the same names as readChunk, escaped and non-ASCII ones included', async () => {
    const odd = ['c/quote"d', 'c/back\\slash', 'c/é😀', 'c/\u2028sep', 'c/plain/sub/x'];
    const gz = gzipSync(odd.map((name) => documentToLine({ name, fields: { a: { stringValue: '{"name":"fake"}' } } })).join(''));
    const entry = entryFor('chunks/000001.ndjson.gz', gz, { documents: odd.length, firstName: odd[0], lastName: odd.at(-1) });
    expect(await names(gz, { entry, backupId })).toEqual({ out: odd, err: undefined });
    const { entry: e2, bytes, dataKey } = await oneChunk(true);
    const viaDocs: string[] = [];
    for await (const doc of readChunk(bytes, { entry: e2, backupId, dataKey })) viaDocs.push(doc.name);
    expect((await names(bytes, { entry: e2, backupId, dataKey })).out).toEqual(viaDocs);
  });

  it('keeps every other check: SHA-256, size, decryption, count and names, and a line without a name', async () => {
    const { entry, bytes, dataKey } = await oneChunk(true);
    const damaged = Buffer.from(bytes);
    damaged[5] = (damaged[5] ?? 0) ^ 1;
    expectIntegrity((await names(damaged, { entry, backupId, dataKey })).err, 'sha256', /SHA-256 mismatch/);
    expectIntegrity((await names(bytes.subarray(1), { entry, backupId, dataKey })).err, 'size', /size mismatch/);
    expectIntegrity((await names(bytes, { entry, backupId, dataKey: generateDataKey() })).err, 'decrypt', /./);
    expectIntegrity((await names(bytes, { entry: { ...entry, documents: 49 }, backupId, dataKey })).err, 'count', /holds 50 documents/);
    const gz = gzipSync('{"fields":{},"name":"a/b"}\n');
    expectIntegrity((await names(gz, { entry: entryFor('chunks/000001.ndjson.gz', gz), backupId })).err, 'line', /line 1 does not start with a document name/);
  });
});
