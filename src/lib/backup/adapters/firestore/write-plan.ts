/**
 * Pure planning of writes: one logical-format document → one proto `Write` per restore mode, and batching by count
 * and bytes for `BatchWrite` (at most 500 writes and 10 MiB per request:
 * https://cloud.google.com/firestore/quotas#writes_and_transactions).
 */
import { assertNever } from '../../errors';
import type { DocumentJson } from '../../format/firestore-value-json';

import type { ProtoWrite } from './proto-types';
import { documentName, type DatabaseId } from './resource-names';
import { jsonFieldsToProto } from './value-proto';

/**
 * - `overwrite`: the document becomes exactly the backed-up one (a full set).
 * - `merge`: the backed-up top-level fields replace the target's, other target fields stay (update mask).
 * - `skip-existing`: created only where no document exists (precondition `exists: false`); others count as skipped.
 */
export type WriteMode = 'overwrite' | 'merge' | 'skip-existing';

export const MAX_BATCH_WRITES = 500;
/** Below the 10 MiB request limit with room for our estimate's error (names, proto framing). */
export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** A write plus what the batcher needs to know about it. */
export interface PlannedWrite {
  path: string;
  write: ProtoWrite;
  bytes: number;
}

const SIMPLE_FIELD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** A top-level field name as a field path: backtick-quoted unless a simple identifier (Firestore field-path syntax). */
export function fieldPathSegment(name: string): string {
  return SIMPLE_FIELD.test(name) ? name : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/** The proto write that restores `doc` into `db` under `mode`. Throws `invalid_argument` on a malformed document. */
export function planWrite(doc: DocumentJson, db: DatabaseId, mode: WriteMode): PlannedWrite {
  const name = documentName(db, doc.name);
  const update = { name, fields: jsonFieldsToProto(doc.fields, doc.name) };
  // JSON length over-estimates the proto size (base64, quoting), which is the safe direction for a byte budget.
  const bytes = name.length + JSON.stringify(doc.fields).length + 64;
  switch (mode) {
    case 'overwrite':
      return { path: doc.name, write: { update }, bytes };
    case 'merge':
      return { path: doc.name, write: { update, updateMask: { fieldPaths: Object.keys(doc.fields).map(fieldPathSegment) } }, bytes };
    case 'skip-existing':
      return { path: doc.name, write: { update, currentDocument: { exists: false } }, bytes };
    default:
      return assertNever(mode, 'write mode');
  }
}

/** The proto write that deletes the document at `path` (deleting a missing document succeeds). */
export function planDelete(path: string, db: DatabaseId): PlannedWrite {
  const name = documentName(db, path);
  return { path, write: { delete: name }, bytes: name.length + 16 };
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
