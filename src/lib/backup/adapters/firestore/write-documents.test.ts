/**
 * Retry and status handling of the batch writer, through a scripted FirestoreConnection: the emulator never answers
 * a write with UNAVAILABLE or RESOURCE_EXHAUSTED, so these paths need a stand-in behind the connection interface.
 */
import type { FirestoreConnection } from './gapic-connection';
import { GrpcCode } from './grpc-errors';
import { RampLimiter } from './ramp-limiter';
import { openWireCodecs, type WireCodecs } from './testing/wire-codecs';
import { encodeDeleteWrite } from './wire-writes';
import { runBatches } from './write-documents';
import type { PlannedWrite } from './write-plan';

type Reply = number[] | { rpcError: number };

let codec: WireCodecs;
beforeAll(async () => {
  codec = await openWireCodecs();
});
afterAll(() => codec.close());

function scripted(replies: Reply[]) {
  const calls: string[][] = [];
  const rawUnary = async (method: string, request: Buffer) => {
    expect(method).toBe('batchWrite');
    const req = codec.decodeBatchWrite(request);
    calls.push(req.writes.map((w) => String(w.delete)));
    const reply = replies.shift() ?? req.writes.map(() => GrpcCode.OK);
    if (!Array.isArray(reply)) throw Object.assign(new Error('rpc failed'), { code: reply.rpcError });
    return { status: reply.map((code) => ({ code, message: `status ${code}` })) };
  };
  const conn = { db: { projectId: 'demo-p', databaseId: '(default)' }, emulator: true, rawUnary, callOptions: () => ({}), close: async () => undefined };
  return { conn: conn as unknown as FirestoreConnection, calls };
}

const w = (p: string): PlannedWrite => ({ path: p, write: encodeDeleteWrite(p), bytes: 10 });
async function* batches(...bs: PlannedWrite[][]) {
  yield* bs;
}
const noSleep = { sleep: async () => undefined, random: () => 0.5 };

describe('runBatches', () => {
  it('retries only the writes whose status is transient, then counts them once', async () => {
    const { conn, calls } = scripted([[GrpcCode.OK, GrpcCode.UNAVAILABLE, GrpcCode.RESOURCE_EXHAUSTED], [GrpcCode.OK, GrpcCode.ABORTED], [GrpcCode.OK]]);
    const result = await runBatches(conn, batches([w('a'), w('b'), w('c')]), { skipExisting: false, ...noSleep });
    expect(calls).toEqual([['a', 'b', 'c'], ['b', 'c'], ['c']]);
    expect(result).toEqual({ written: 3, skipped: 0, retried: 3, batches: 1 });
  });

  it('retries a whole batch when the RPC itself fails transiently', async () => {
    const { conn, calls } = scripted([{ rpcError: GrpcCode.DEADLINE_EXCEEDED }]);
    expect(await runBatches(conn, batches([w('a'), w('b')]), { skipExisting: false, ...noSleep })).toMatchObject({ written: 2, retried: 2 });
    expect(calls).toHaveLength(2);
  });

  it('counts precondition failures as skipped only in skip-existing mode', async () => {
    const { conn } = scripted([[GrpcCode.ALREADY_EXISTS, GrpcCode.FAILED_PRECONDITION, GrpcCode.OK]]);
    expect(await runBatches(conn, batches([w('a'), w('b'), w('c')]), { skipExisting: true, ...noSleep })).toMatchObject({ written: 1, skipped: 2 });
    const strict = scripted([[GrpcCode.OK, GrpcCode.FAILED_PRECONDITION]]);
    await expect(runBatches(strict.conn, batches([w('a'), w('b')]), { skipExisting: false, ...noSleep })).rejects.toMatchObject({
      code: 'failed_precondition',
      retryable: false,
      message: expect.stringContaining('writing document b'),
    });
  });

  it('gives up after maxAttempts with a retryable EngineError', async () => {
    const { conn, calls } = scripted(Array.from({ length: 10 }, () => [GrpcCode.UNAVAILABLE]));
    await expect(runBatches(conn, batches([w('a')]), { skipExisting: false, maxAttempts: 3, ...noSleep })).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    expect(calls).toHaveLength(3);
  });

  it('fails fast on a non-retryable RPC error and sends no further batches', async () => {
    const { conn, calls } = scripted([{ rpcError: GrpcCode.PERMISSION_DENIED }]);
    await expect(runBatches(conn, batches([w('a')], [w('b')], [w('c')]), { skipExisting: false, concurrency: 1, ...noSleep })).rejects.toMatchObject({ code: 'permission_denied' });
    expect(calls.length).toBeLessThanOrEqual(2);
  });

  it('waits as the ramp limiter says before sending', async () => {
    let now = 0;
    const waits: number[] = [];
    const { conn } = scripted([]);
    const limiter = new RampLimiter({ clock: { nowMs: () => now }, initialRate: 500 });
    const sleep = async (ms: number) => {
      waits.push(ms);
      now += ms;
    };
    const many = Array.from({ length: 4 }, (_, b) => Array.from({ length: 500 }, (_, i) => w(`${b}-${i}`)));
    await runBatches(conn, batches(...many), { skipExisting: false, limiter, sleep, random: () => 0.5 });
    expect(waits).toEqual([1000, 1000, 1000]);
  });
});
