/**
 * Test fixtures for the logical format: documents of every value type, an in-memory file map standing in for a
 * BackupStore, and a helper that writes a complete backup (chunks + manifest) into it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../errors';
import type { KeyWrapper, PutResult } from '../../ports';
import { writeChunks, type ChunkSink, type WriteChunksOptions } from '../chunk-writer';
import { generateDataKey } from '../envelope';
import type { DocumentJson } from '../firestore-value-json';
import { parseManifest, type Manifest } from '../manifest';
import type { OpenFile } from '../verify-logical-backup';

/** The documents of testdata/every-value-type.json (every Firestore value type, odd names, nesting). */
export function everyValueTypeDocuments(): DocumentJson[] {
  return JSON.parse(readFileSync(join(__dirname, '..', 'testdata', 'every-value-type.json'), 'utf8')) as DocumentJson[];
}

/** `n` small documents spread over a top-level collection and a subcollection. */
export function* smallDocuments(n: number, prefix = 'd'): Generator<DocumentJson> {
  for (let i = 0; i < n; i++) {
    const name = i % 3 === 0 ? `users/u${i}/events/${prefix}${i}` : `users/${prefix}${i}`;
    yield { name, fields: { i: { integerValue: String(i) }, s: { stringValue: `value ${i}` } } };
  }
}

/** An in-memory, write-once file map with a sink (like `BackupStore.put`) and an opener (like `BackupStore.get`). */
export class MemoryFiles {
  readonly files = new Map<string, Buffer>();
  /** Size of every piece the sink received, to check that writing streams. */
  readonly pieceSizes: number[] = [];

  readonly sink: ChunkSink = async (path, bytes) => {
    if (this.files.has(path)) throw new EngineError('already_exists', `${path} exists`);
    const parts: Buffer[] = [];
    for await (const part of Buffer.isBuffer(bytes) ? [bytes] : bytes) {
      this.pieceSizes.push(part.length);
      parts.push(part);
    }
    const data = Buffer.concat(parts);
    this.files.set(path, data);
    return { size: data.length, sha256: createHash('sha256').update(data).digest('hex') } satisfies PutResult;
  };

  readonly open: OpenFile = async (path) => {
    const data = this.files.get(path);
    if (data === undefined) throw new EngineError('not_found', `${path} not found`);
    return data;
  };

  /** Replaces a stored file (tests use it to damage a backup). */
  replace(path: string, edit: (data: Buffer) => Buffer): void {
    const data = this.files.get(path);
    if (data === undefined) throw new Error(`no file ${path}`);
    this.files.set(path, edit(Buffer.from(data)));
  }
}

export interface BuildBackupOptions extends Partial<Pick<WriteChunksOptions, 'compression' | 'maxChunkDocuments' | 'maxChunkBytes'>> {
  backupId?: string;
  keyWrapper?: KeyWrapper;
}

/** Writes `documents` as a complete logical backup into `files`; returns its (parsed, consistent) manifest. */
export async function buildLogicalBackup(
  documents: Iterable<DocumentJson>,
  files: MemoryFiles,
  options: BuildBackupOptions = {},
): Promise<Manifest> {
  const backupId = options.backupId ?? 'bk-20240501-100000-abc';
  const dataKey = options.keyWrapper === undefined ? undefined : generateDataKey();
  const compression = options.compression ?? 'gzip';
  const written = await writeChunks(documents, {
    backupId,
    sink: files.sink,
    compression,
    encryption: dataKey === undefined ? undefined : { dataKey },
    maxChunkDocuments: options.maxChunkDocuments,
    maxChunkBytes: options.maxChunkBytes,
  });
  const encryption =
    options.keyWrapper === undefined || dataKey === undefined
      ? null
      : { algorithm: 'AES-256-GCM' as const, keyId: options.keyWrapper.keyId, wrappedKey: await options.keyWrapper.wrap(dataKey), keyWrapper: 'env' as const };
  const t = '2024-05-01T10:00:00Z';
  return parseManifest({
    format: 1,
    tool: { name: 'firestore-backup-dr', version: '0.1.0' },
    backupId,
    method: 'logical',
    source: { projectId: 'demo-backup', databaseId: '(default)' },
    snapshotTime: t,
    createdAt: t,
    completedAt: '2024-05-01T10:00:05Z',
    scope: { include: ['**'], exclude: [] },
    collections: written.collections,
    totals: written.totals,
    files: written.files,
    compression,
    encryption,
    parentBackupId: null,
    timings: { startedAt: t, snapshotAt: t, finishedAt: '2024-05-01T10:00:05Z', durationMs: 5000 },
  });
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
