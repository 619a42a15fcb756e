/**
 * Pure planning of writes: one logical-format document → one encoded `Write` per restore mode, and batching by count
 * and bytes for `BatchWrite` (at most 500 writes and 10 MiB per request:
 * https://cloud.google.com/firestore/quotas#writes_and_transactions).
 */
import { assertNever } from '../../errors';
import type { DocumentJson } from '../../format/firestore-value-json';
import type { WriteMode } from '../../ports';

import { documentName, type DatabaseId } from './resource-names';
import { encodeDeleteWrite, encodeUpdateWrite, type WriteExtras } from './wire-writes';

// Declared once, with the ports; re-exported for the adapter's own modules and tests.
export type { WriteMode } from '../../ports';

export const MAX_BATCH_WRITES = 500;
/** Well below the 10 MiB request limit (sizes are exact: the writes are encoded when planned). */
export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** A write plus what the batcher needs to know about it. */
export interface PlannedWrite {
  path: string;
  /** A `Write` message, encoded (wire-writes.ts). */
  write: Buffer;
  /** Its share of the request: the message and its framing. */
  bytes: number;
}

/** Tag and length prefix of one write inside a BatchWriteRequest (at most 1 + 5 bytes). */
const WRITE_FRAMING = 6;

const SIMPLE_FIELD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** A top-level field name as a field path: backtick-quoted unless a simple identifier (Firestore field-path syntax). */
export function fieldPathSegment(name: string): string {
  return SIMPLE_FIELD.test(name) ? name : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** The write (protobuf bytes) that restores `doc` into `db` under `mode`. Throws `invalid_argument` on a malformed document. */
export function planWrite(doc: DocumentJson, db: DatabaseId, mode: WriteMode): PlannedWrite {
  const name = documentName(db, doc.name);
  let extras: WriteExtras;
  switch (mode) {
    case 'overwrite':
      extras = {};
      break;
    case 'merge':
      extras = { maskPaths: Object.keys(doc.fields).map(fieldPathSegment) };
      break;
    case 'skip-existing':
      extras = { mustNotExist: true };
      break;
    default:
      return assertNever(mode, 'write mode');
  }
  const write = encodeUpdateWrite(name, doc.name, doc.fields, extras);
  return { path: doc.name, write, bytes: write.length + WRITE_FRAMING };
}

/** The write that deletes the document at `path` (deleting a missing document succeeds). */
export function planDelete(path: string, db: DatabaseId): PlannedWrite {
  const write = encodeDeleteWrite(documentName(db, path));
  return { path, write, bytes: write.length + WRITE_FRAMING };
}

/** Groups writes into batches of at most `maxWrites` writes and about `maxBytes` bytes (a lone big write goes alone). */
export async function* batchWrites(
  writes: AsyncIterable<PlannedWrite> | Iterable<PlannedWrite>,
  limits: { maxWrites?: number; maxBytes?: number } = {},
): AsyncGenerator<PlannedWrite[]> {
  const maxWrites = Math.min(limits.maxWrites ?? MAX_BATCH_WRITES, MAX_BATCH_WRITES);
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BATCH_BYTES;
  let batch: PlannedWrite[] = [];
  let bytes = 0;
  for await (const w of writes) {
    if (batch.length > 0 && (batch.length >= maxWrites || bytes + w.bytes > maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(w);
    bytes += w.bytes;
  }
  if (batch.length > 0) yield batch;
}
