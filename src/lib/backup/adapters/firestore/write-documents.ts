/**
 * Writes planned batches through the GAPIC `BatchWrite` RPC: non-atomic, one status per write, which is what a restore
 * wants (one bad document does not roll back 499 good ones, and only failed writes are retried).
 *
 * Per write status: OK → written; ALREADY_EXISTS / FAILED_PRECONDITION under a `skip-existing` precondition → skipped;
 * retryable (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL) → retried with exponential backoff
 * and jitter; anything else → EngineError naming the document. A whole-RPC failure retries the whole batch when
 * retryable. A few batches are in flight at once; with `throttle`, a ramp limiter gates them (500/50/5 rule).
 */
import { EngineError } from '../../errors';

import type { FirestoreConnection } from './gapic-connection';
import { GrpcCode, grpcCodeOf, grpcStatusError, isRetryableGrpcCode, wrapGrpcError } from './grpc-errors';
import type { ProtoBatchWriteResponse } from './proto-types';
import type { RampLimiter } from './ramp-limiter';
import { databaseName } from './resource-names';
import { encodeBatchWriteRequest } from './wire-writes';
import type { PlannedWrite } from './write-plan';

/** Counters reported after each batch and returned at the end. */
export interface WriteProgress {
  written: number;
  skipped: number;
  /** Write attempts repeated after a transient failure. */
  retried: number;
  batches: number;
}

export interface RunBatchesOptions {
  /** Statuses ALREADY_EXISTS / FAILED_PRECONDITION mean "skipped" (the write carried `exists: false`). */
  skipExisting: boolean;
  /** Batches in flight at once. Default 4. */
  concurrency?: number;
  limiter?: RampLimiter;
  /** Attempts per write before giving up. Default 8. */
  maxAttempts?: number;
  onProgress?: (p: WriteProgress) => void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Deadline of one BatchWrite (the GAPIC default). */
const BATCH_WRITE_TIMEOUT_MS = 60_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Backoff before attempt `attempt` (1-based retries): 100 ms doubling to 30 s, with full jitter against herds. */
export function backoffMs(attempt: number, random: () => number): number {
  const cap = Math.min(30_000, 100 * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Sends every batch; resolves with the totals or rejects with the first non-retryable (or exhausted) failure. */
export async function runBatches(conn: FirestoreConnection, batches: AsyncIterable<PlannedWrite[]>, opts: RunBatchesOptions): Promise<WriteProgress> {
  const progress: WriteProgress = { written: 0, skipped: 0, retried: 0, batches: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const launch = (batch: PlannedWrite[]) => {
    const p = sendWithRetries(conn, batch, opts, progress)
      .then(() => {
        progress.batches += 1;
        opts.onProgress?.({ ...progress });
      })
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  for await (const batch of batches) {
    if (failure !== undefined) break;
    if (opts.signal?.aborted) {
      failure = new EngineError('cancelled', 'write cancelled');
      break;
    }
    const wait = opts.limiter?.reserve(batch.length) ?? 0;
    if (wait > 0) await (opts.sleep ?? defaultSleep)(wait);
    launch(batch);
    while (inFlight.size >= Math.max(1, opts.concurrency ?? 4)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return progress;
}

async function sendWithRetries(conn: FirestoreConnection, batch: PlannedWrite[], opts: RunBatchesOptions, progress: WriteProgress): Promise<void> {
  const maxAttempts = opts.maxAttempts ?? 8;
  const random = opts.random ?? Math.random;
  let pending = batch;
  for (let attempt = 1; ; attempt++) {
    const retry = await sendOnce(conn, pending, opts, progress, attempt >= maxAttempts);
    if (retry.length === 0) return;
    progress.retried += retry.length;
    pending = retry;
    await (opts.sleep ?? defaultSleep)(backoffMs(attempt, random));
  }
}

/** One BatchWrite; returns the writes to retry. `last`: no retries left, so a transient failure is thrown. */
async function sendOnce(conn: FirestoreConnection, batch: PlannedWrite[], opts: RunBatchesOptions, progress: WriteProgress, last: boolean): Promise<PlannedWrite[]> {
  const span = batch.length === 1 ? batch[0]?.path : `${batch[0]?.path} … ${batch.at(-1)?.path}`;
  const doing = `writing ${batch.length} document(s) (${span}) to ${conn.db.projectId}/${conn.db.databaseId}`;
  let response: ProtoBatchWriteResponse;
  try {
    const database = databaseName(conn.db);
    const request = encodeBatchWriteRequest(database, batch.map((w) => w.write));
    response = await conn.rawUnary<ProtoBatchWriteResponse>('batchWrite', request, { routing: { database }, timeoutMs: BATCH_WRITE_TIMEOUT_MS });
  } catch (err) {
    const code = grpcCodeOf(err);
    if (!last && code !== undefined && isRetryableGrpcCode(code)) return batch;
    throw wrapGrpcError(err, doing);
  }
  const retry: PlannedWrite[] = [];
  batch.forEach((w, i) => {
    const status = response.status?.[i];
    const code = status?.code ?? GrpcCode.OK;
    if (code === GrpcCode.OK) progress.written += 1;
    else if (opts.skipExisting && (code === GrpcCode.ALREADY_EXISTS || code === GrpcCode.FAILED_PRECONDITION)) progress.skipped += 1;
    else if (!last && isRetryableGrpcCode(code)) retry.push(w);
    else throw grpcStatusError(code, status?.message ?? 'write failed', `writing document ${w.path}`);
  });
  return retry;
}
