/**
 * Resuming a range read after transient failures, on the wire-bytes path (the decoded path shares the loop): a
 * fake connection serves RunQuery responses from a list of documents, failing mid-stream as told.
 */
import { Readable } from 'node:stream';

import { isEngineError } from '../../errors';
import { collect } from '../../format/testing/logical-fixtures';

import type { FirestoreConnection } from './gapic-connection';
import type { ProtoStructuredQuery } from './proto-types';
import { streamRangeLines } from './read-stream';
import { openWireCodecs, type WireCodecs } from './testing/wire-codecs';

const db = { projectId: 'demo-resume', databaseId: '(default)' };
const root = `projects/${db.projectId}/databases/${db.databaseId}/documents`;
const names = Array.from({ length: 10 }, (_, i) => `c/d${i}`);

let codec: WireCodecs;
beforeAll(async () => {
  codec = await openWireCodecs();
});
afterAll(() => codec.close());

/** Each call serves the documents after the query's cursor; `failAfter[i]` makes call i fail after that many. */
function fakeConnection(failAfter: number[], code = 14): { conn: FirestoreConnection; queries: ProtoStructuredQuery[] } {
  const queries: ProtoStructuredQuery[] = [];
  const conn = {
    db,
    emulator: true,
    rawServerStream: async (_method: string, request: { structuredQuery: ProtoStructuredQuery }) => {
      const call = queries.length;
      queries.push(request.structuredQuery);
      const after = request.structuredQuery.startAt?.values?.[0]?.referenceValue;
      const rest = names.filter((n) => after == null || `${root}/${n}` > after);
      const limit = failAfter[call];
      async function* responses() {
        yield codec.encode({ readTime: { seconds: '1', nanos: 0 } });
        for (const [i, n] of rest.entries()) {
          if (i === limit) throw Object.assign(new Error(`${code} FAILED: mid-stream`), { code });
          yield codec.encode({ document: { name: `${root}/${n}`, fields: { i: { integerValue: n.slice(3) } } } });
        }
      }
      return Object.assign(Readable.from(responses()), { cancel: () => undefined });
    },
  } as unknown as FirestoreConnection;
  return { conn, queries };
}

describe('streamRangeLines', () => {
  it('resumes after the last document at the same readTime, without duplicates or gaps', async () => {
    const { conn, queries } = fakeConnection([3, 0, 4]);
    const waits: number[] = [];
    const docs = await collect(streamRangeLines(conn, { readTime: { seconds: '1', nanos: 0 }, sleep: async (ms) => void waits.push(ms) }));
    expect(docs.map((d) => d.name)).toEqual(names);
    expect(docs[4]?.line).toBe('{"name":"c/d4","fields":{"i":{"integerValue":"4"}}}\n');
    expect(queries.map((q) => q.startAt?.values?.[0]?.referenceValue)).toEqual([undefined, `${root}/c/d2`, `${root}/c/d2`, `${root}/c/d6`]);
    // Each success resets the count of consecutive failures: 500 ms, 1 s (no document in between), 500 ms.
    expect(waits).toEqual([500, 1000, 500]);
  });

  it('gives up after maxResumes consecutive failures, and at once on a permanent error, naming the last document', async () => {
    const flaky = fakeConnection([2, 0, 0]);
    const err1 = await collect(streamRangeLines(flaky.conn, { readTime: { seconds: '1', nanos: 0 }, maxResumes: 2, sleep: async () => undefined })).catch((e: unknown) => e);
    expect(isEngineError(err1) && err1.code === 'unavailable' && err1.retryable).toBe(true);
    expect(String((err1 as Error).message)).toContain(`after ${root}/c/d1`);
    const denied = fakeConnection([1], 7);
    const err2 = await collect(streamRangeLines(denied.conn, { readTime: { seconds: '1', nanos: 0 }, sleep: async () => undefined })).catch((e: unknown) => e);
    expect(isEngineError(err2) && err2.code === 'permission_denied').toBe(true);
    expect(denied.queries).toHaveLength(1);
  });

  it('keeps only the documents the filter passes', async () => {
    const { conn } = fakeConnection([]);
    const docs = await collect(streamRangeLines(conn, { readTime: { seconds: '1', nanos: 0 }, filter: (p) => p.endsWith('7') || p.endsWith('1') }));
    expect(docs.map((d) => d.name)).toEqual(['c/d1', 'c/d7']);
  });
});
