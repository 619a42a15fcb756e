import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { isEngineError } from '../errors';
import type { DocumentJson } from './firestore-value-json';
import { generateDataKey, readChunk, writeChunks, type ChunkSink, type WriteProgress } from './ndjson-chunks';
import { collect, everyValueTypeDocuments, MemoryFiles, smallDocuments } from './testing/logical-fixtures';

const backupId = 'bk-test-1';

async function readAll(files: MemoryFiles, entries: Awaited<ReturnType<typeof writeChunks>>['files'], dataKey?: Buffer) {
  const docs: DocumentJson[] = [];
  for (const entry of entries) {
    docs.push(...(await collect(readChunk(await files.open(entry.path), { entry, backupId, dataKey, keyId: 'env-key-1' }))));
  }
  return docs;
}

describe('writeChunks → readChunk', () => {
  it.each([
    ['gzip', 'gzip', false, 'chunks/000001.ndjson.gz'],
    ['gzip + encryption', 'gzip', true, 'chunks/000001.ndjson.gz.enc'],
    ['no compression', 'none', false, 'chunks/000001.ndjson'],
    ['no compression + encryption', 'none', true, 'chunks/000001.ndjson.enc'],
  ] as const)('round-trips every value type (%s)', async (_what, compression, encrypt, path) => {
    const files = new MemoryFiles();
    const docs = everyValueTypeDocuments();
    const dataKey = encrypt ? generateDataKey() : undefined;
    const result = await writeChunks(docs, { backupId, sink: files.sink, compression, encryption: dataKey && { dataKey } });
    expect(result.files.map((f) => f.path)).toEqual([path]);
    expect(await readAll(files, result.files, dataKey)).toEqual(docs);
    const [entry] = result.files;
    const stored = files.files.get(path);
    expect(entry).toEqual({
      path,
      bytes: stored?.length,
      sha256: createHash('sha256').update(stored ?? '').digest('hex'),
      documents: 4,
      firstName: 'users/u1',
      lastName: 'missing-parent/p1/children/c1',
    });
    expect(result.collections).toEqual({
      'missing-parent/*/children': { documents: 1 },
      users: { documents: 1 },
      'users/*/events': { documents: 1 },
      'users/*/events/*/details': { documents: 1 },
    });
    expect(result.totals).toEqual({ documents: 4, bytes: stored?.length });
  });

  it('writes plain gzip NDJSON that standard tools can read (second path: zlib, not our reader)', async () => {
    const files = new MemoryFiles();
    const docs = everyValueTypeDocuments();
    await writeChunks(docs, { backupId, sink: files.sink });
    const text = gunzipSync(files.files.get('chunks/000001.ndjson.gz') ?? Buffer.alloc(0)).toString('utf8');
    expect(text.split('\n').slice(0, -1).map((l) => (JSON.parse(l) as DocumentJson).name)).toEqual(docs.map((d) => d.name));
  });

  it('writes no chunk for no documents', async () => {
    const files = new MemoryFiles();
    const result = await writeChunks([], { backupId, sink: files.sink });
    expect(result).toEqual({ files: [], collections: {}, totals: { documents: 0, bytes: 0 } });
    expect(files.files.size).toBe(0);
  });

  it('rolls over at the document limit, keeping order and first/last names', async () => {
    const files = new MemoryFiles();
    const docs = [...smallDocuments(25)];
    const result = await writeChunks(docs, { backupId, sink: files.sink, maxChunkDocuments: 10 });
    expect(result.files.map((f) => [f.path, f.documents, f.firstName, f.lastName])).toEqual([
      ['chunks/000001.ndjson.gz', 10, docs[0]?.name, docs[9]?.name],
      ['chunks/000002.ndjson.gz', 10, docs[10]?.name, docs[19]?.name],
      ['chunks/000003.ndjson.gz', 5, docs[20]?.name, docs[24]?.name],
    ]);
    expect(await readAll(files, result.files)).toEqual(docs);
    expect(result.collections).toEqual({ users: { documents: 16 }, 'users/*/events': { documents: 9 } });
  });

  it('rolls over at the size limit (soft: within one zlib buffer and one line batch)', async () => {
    const files = new MemoryFiles();
    // Incompressible payloads, so the compressed size tracks the input.
    const docs = Array.from({ length: 400 }, (_, i): DocumentJson => ({
      name: `blobs/b${i}`,
      fields: { data: { bytesValue: randomBytes(3000).toString('base64') } },
    }));
    const limit = 256 * 1024;
    const result = await writeChunks(docs, { backupId, sink: files.sink, maxChunkBytes: limit });
    expect(result.files.length).toBeGreaterThanOrEqual(4);
    for (const f of result.files.slice(0, -1)) {
      expect(f.bytes).toBeGreaterThanOrEqual(limit);
      expect(f.bytes).toBeLessThan(limit + 64 * 1024 + 32 * 1024);
    }
    expect(await readAll(files, result.files)).toEqual(docs);
  });

  it('streams with bounded buffers: 200k documents reach the sink in small pieces, chunk by chunk', async () => {
    let chunks = 0;
    let documents = 0;
    let largestPiece = 0;
    const progress: WriteProgress[] = [];
    // A counting sink: keeps nothing, so any growth would be the writer's.
    const sink: ChunkSink = async (_path, bytes) => {
      const hash = createHash('sha256');
      let size = 0;
      for await (const piece of Buffer.isBuffer(bytes) ? [bytes] : bytes) {
        largestPiece = Math.max(largestPiece, piece.length);
        size += piece.length;
        hash.update(piece);
      }
      chunks++;
      return { size, sha256: hash.digest('hex') };
    };
    const result = await writeChunks(
      (async function* () {
        for (const doc of smallDocuments(200_000)) {
          documents++;
          yield doc;
        }
      })(),
      { backupId, sink, maxChunkDocuments: 50_000, encryption: { dataKey: generateDataKey() }, onProgress: (p) => progress.push(p) },
    );
    expect(documents).toBe(200_000);
    expect(chunks).toBe(4);
    expect(result.totals.documents).toBe(200_000);
    expect(result.files.map((f) => f.documents)).toEqual([50_000, 50_000, 50_000, 50_000]);
    // Pieces are bounded by zlib's output buffer, not by the chunk: nothing is accumulated per chunk.
    expect(largestPiece).toBeLessThanOrEqual(64 * 1024);
    expect(progress.length).toBeGreaterThan(20);
    expect(progress.at(-1)).toEqual({ documents: 200_000, bytes: result.totals.bytes, chunks: 4 });
    const docsSeen = progress.map((p) => p.documents);
    expect(docsSeen).toEqual([...docsSeen].sort((a, b) => a - b));
  }, 60_000);

  it('rethrows the source error itself, not what the sink made of it', async () => {
    const files = new MemoryFiles();
    const boom = new Error('source exploded');
    async function* failing() {
      yield* smallDocuments(3);
      throw boom;
    }
    await expect(writeChunks(failing(), { backupId, sink: files.sink })).rejects.toBe(boom);
  });

  it('propagates a sink failure', async () => {
    const sink: ChunkSink = async () => {
      throw new Error('bucket on fire');
    };
    await expect(writeChunks(smallDocuments(3), { backupId, sink })).rejects.toThrow('bucket on fire');
  });

  it('refuses a sink that reports other bytes than it was given', async () => {
    const files = new MemoryFiles();
    const lying: ChunkSink = async (path, bytes) => ({ ...(await files.sink(path, bytes)), sha256: '0'.repeat(64) });
    let caught: unknown;
    await writeChunks(smallDocuments(3), { backupId, sink: lying }).catch((e: unknown) => (caught = e));
    expect(isEngineError(caught, 'integrity')).toBe(true);
    expect((caught as Error).message).toMatch(/^chunk chunks\/000001\.ndjson\.gz: the store reports/);
  });

  it('refuses nonsensical limits', async () => {
    const files = new MemoryFiles();
    await expect(writeChunks([], { backupId, sink: files.sink, maxChunkBytes: 0 })).rejects.toThrow(/maxChunkBytes must be a positive/);
    await expect(writeChunks([], { backupId, sink: files.sink, maxChunkDocuments: 1.5 })).rejects.toThrow(/maxChunkDocuments/);
  });
});
