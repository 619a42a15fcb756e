/**
 * Splitting a database read into key ranges that can be streamed in parallel.
 *
 * Every document lives under a root collection, so the root collections' ranges `[C/<min id>, C\0/<min id>)` (the
 * bounds the SDK's recursive delete uses) cover the database exactly. A root collection holding much more than its
 * share is split further at document names:
 * - on GCP with the `PartitionQuery` RPC over the collection group (its split points are document names; those inside
 *   the root collection's range are used), which reads no documents;
 * - on the emulator, which does not implement PartitionQuery, by sampling top-level document ids with
 *   `offset`/`limit 1` name-only queries (cheap locally; on GCP skipped documents are billed, hence not used there).
 */
import type { FirestoreConnection } from './gapic-connection';
import { wrapGrpcError } from './grpc-errors';
import type { ProtoRunQueryResponse, ProtoStructuredQuery, ProtoTimestamp } from './proto-types';
import type { KeyRange } from './read-stream';
import { rangeQuery } from './read-stream';
import { documentsRoot, relativePath } from './resource-names';
import { compareDocumentPaths } from './path-order';

/** The smallest possible document id (numeric id -2^63), as in the SDK's recursive-delete.js. */
const MIN_ID = '__id-9223372036854775808__';
/** Collections below this many documents are never split: a query costs more than it saves. */
const MIN_SPLIT_DOCS = 2_000;

/** The range holding collection `collectionId` (a root collection) and everything below it. */
export function rootCollectionRange(collectionId: string): KeyRange {
  return { start: `${collectionId}/${MIN_ID}`, end: `${collectionId}\u0000/${MIN_ID}` };
}

/** One planned slice: its range and, when counted, how many documents it held at `readTime`. */
export interface ReadPartition {
  /** For logs and progress: the root collection and piece number. */
  label: string;
  range: KeyRange;
  estimatedDocs?: number;
}

export interface PlanOptions {
  readTime: ProtoTimestamp;
  /** Restrict to these root collections; default: all of them at `readTime`. */
  rootCollections?: string[];
}

/** Root collection ids at `readTime` (sorted as Firestore returns them). */
export async function listRootCollectionIds(conn: FirestoreConnection, readTime?: ProtoTimestamp): Promise<string[]> {
  try {
    const [ids] = await conn.client.listCollectionIds({ parent: documentsRoot(conn.db), ...(readTime ? { readTime } : {}) }, conn.callOptions());
    return ids;
  } catch (err) {
    throw wrapGrpcError(err, `listing root collections of ${conn.db.projectId}/${conn.db.databaseId}`);
  }
}

/** Counts the documents a query matches with a COUNT aggregation (billed per 1000 index entries, reads nothing). */
export async function countQuery(conn: FirestoreConnection, structuredQuery: ProtoStructuredQuery, readTime?: ProtoTimestamp): Promise<number> {
  try {
    const stream = conn.client.runAggregationQuery(
      {
        parent: documentsRoot(conn.db),
        structuredAggregationQuery: { structuredQuery, aggregations: [{ alias: 'n', count: {} }] },
        ...(readTime ? { readTime } : {}),
      },
      conn.callOptions(),
    );
    let count = 0;
    for await (const res of stream as AsyncIterable<{ result?: { aggregateFields?: Record<string, { integerValue?: unknown }> } | null }>) {
      const n = res.result?.aggregateFields?.n?.integerValue;
      if (n !== undefined && n !== null) count = Number(n);
    }
    return count;
  } catch (err) {
    throw wrapGrpcError(err, `counting documents of ${conn.db.projectId}/${conn.db.databaseId}`);
  }
}

/**
 * Plans about `n` partitions covering the root collections in scope. Returns ranges in key order, biggest work
 * first is up to the caller. With `n <= 1` no counting is done: one range per root collection.
 */
export async function planPartitions(conn: FirestoreConnection, n: number, opts: PlanOptions): Promise<ReadPartition[]> {
  const roots = opts.rootCollections ?? (await listRootCollectionIds(conn, opts.readTime));
  if (n <= 1) return roots.map((c) => ({ label: c, range: rootCollectionRange(c) }));
  const counts = await Promise.all(roots.map((c) => countQuery(conn, rangeQuery(conn, rootCollectionRange(c)), opts.readTime)));
  const total = counts.reduce((a, b) => a + b, 0);
  const share = Math.max(MIN_SPLIT_DOCS, Math.ceil(total / n));
  const planned = await Promise.all(
    roots.map(async (c, i) => {
      const docs = counts[i] ?? 0;
      const pieces = Math.min(n, Math.ceil(docs / share));
      if (pieces <= 1) return [{ label: c, range: rootCollectionRange(c), estimatedDocs: docs }];
      const points = conn.emulator ? await sampleSplitPoints(conn, c, pieces, opts.readTime) : await partitionQueryPoints(conn, c, pieces, opts.readTime);
      return rangesBetween(c, points).map((range, j, all) => ({ label: `${c}#${j + 1}/${all.length}`, range, estimatedDocs: Math.round(docs / all.length) }));
    }),
  );
  return planned.flat();
}

/** Splits `collectionId`'s range at the given interior points (relative document paths in key order). */
export function rangesBetween(collectionId: string, points: string[]): KeyRange[] {
  const whole = rootCollectionRange(collectionId);
  const bounds = [whole.start, ...points, whole.end];
  const out: KeyRange[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push({ start: bounds[i], end: bounds[i + 1] });
  return out;
}

/** Emulator: top-level document ids at even offsets, in Firestore's own order (so no client-side sorting). */
async function sampleSplitPoints(conn: FirestoreConnection, collectionId: string, pieces: number, readTime: ProtoTimestamp): Promise<string[]> {
  const topLevel: ProtoStructuredQuery = { from: [{ collectionId }], orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }] };
  const count = await countQuery(conn, topLevel, readTime);
  if (count < pieces) return [];
  const offsets = Array.from({ length: pieces - 1 }, (_, k) => Math.floor(((k + 1) * count) / pieces));
  const names = await Promise.all(
    offsets.map(async (offset) => {
      const query = { ...topLevel, select: { fields: [{ fieldPath: '__name__' }] }, offset, limit: { value: 1 } };
      const stream = conn.client.runQuery({ parent: documentsRoot(conn.db), structuredQuery: query, readTime }, conn.callOptions());
      for await (const res of stream as AsyncIterable<ProtoRunQueryResponse>) if (res.document?.name) return relativePath(conn.db, res.document.name);
      return undefined;
    }),
  );
  return [...new Set(names.filter((x): x is string => x !== undefined))];
}

/** GCP: PartitionQuery over the collection group; keeps points inside the root collection, sorted in key order. */
async function partitionQueryPoints(conn: FirestoreConnection, collectionId: string, pieces: number, readTime: ProtoTimestamp): Promise<string[]> {
  try {
    const [cursors] = await conn.client.partitionQuery(
      {
        parent: documentsRoot(conn.db),
        structuredQuery: { from: [{ collectionId, allDescendants: true }], orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }] },
        partitionCount: pieces,
        readTime,
      },
      conn.callOptions(),
    );
    const paths = cursors
      .map((c) => c.values?.[0]?.referenceValue)
      .filter((name): name is string => typeof name === 'string')
      .map((name) => relativePath(conn.db, name))
      .filter((path) => path.startsWith(`${collectionId}/`));
    return [...new Set(paths)].sort(compareDocumentPaths);
  } catch (err) {
    throw wrapGrpcError(err, `partitioning ${collectionId} in ${conn.db.projectId}/${conn.db.databaseId}`);
  }
}
