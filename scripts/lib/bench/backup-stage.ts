/**
 * Bench child for `--stages`: the logical backup's pipeline cut short at one stage, to see where its time goes. Each
 * stage includes the ones before it: `adapter` (our read stream: runQuery, each response printed from its wire bytes
 * as an NDJSON line), `lines` (+ lines batched into 64 KiB buffers, as the chunk writer does), `gzip` (+ compression, output discarded), `chunks` (+ the real chunk writer into a file store:
 * hashing, write-once files, fsync). No job, no verification, no manifest: those are the rest of a real backup.
 * `count` is apart: the COUNT aggregation a logical backup runs before reading (its progress total).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

import { z } from 'zod';

import { createFileBackupStore, createFirestoreDocumentStore } from '../../../src/lib/backup/composition';
import { type EncodedDocument, writeChunks } from '../../../src/lib/backup';

import { baseSpecSchema, runChild, stopwatch } from './child-protocol';

const STAGES = ['count', 'adapter', 'lines', 'gzip', 'chunks'] as const;
const schema = baseSpecSchema.extend({ stage: z.enum(STAGES), partitions: z.number().int().min(1).max(16), workDir: z.string().min(1) });

async function* lineBuffers(docs: AsyncIterable<EncodedDocument>, counter: { n: number }): AsyncGenerator<Buffer> {
  let batch: string[] = [];
  let size = 0;
  for await (const { line } of docs) {
    counter.n++;
    batch.push(line);
    size += line.length;
    if (size >= 64 * 1024) {
      yield Buffer.from(batch.join(''), 'utf8');
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield Buffer.from(batch.join(''), 'utf8');
}

runChild('backup-stage', schema, async (spec, host) => {
  const source = createFirestoreDocumentStore({ projectId: spec.projectId, emulatorHost: host });
  const dir = await mkdtemp(join(spec.workDir, 'stage-'));
  try {
    const elapsed = stopwatch();
    const docs = source.streamDocumentLines({ partitions: spec.partitions });
    const counter = { n: 0 };
    let bytes = 0;
    if (spec.stage === 'count') {
      counter.n = await source.countDocuments({ readTime: await source.snapshotTime() });
    } else if (spec.stage === 'adapter') {
      for await (const _doc of docs) counter.n++;
    } else if (spec.stage === 'lines') {
      for await (const b of lineBuffers(docs, counter)) bytes += b.length;
    } else if (spec.stage === 'gzip') {
      await pipeline(Readable.from(lineBuffers(docs, counter)), createGzip(), async (gz: AsyncIterable<Buffer>) => {
        for await (const b of gz) bytes += b.length;
      });
    } else {
      const store = createFileBackupStore(dir);
      const res = await writeChunks(docs, { backupId: 'stage', sink: (path, data) => store.put(path, data) });
      counter.n = res.totals.documents;
      bytes = res.totals.bytes;
    }
    return { docs: counter.n, bytes, seconds: elapsed() };
  } finally {
    await source.close();
    await rm(dir, { recursive: true, force: true });
  }
});
