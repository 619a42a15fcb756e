import { isEngineError } from '../../errors';

import type { ProtoWrite } from './proto-types';
import { openWireCodecs, type WireCodecs } from './testing/wire-codecs';
import { encodeBatchWriteRequest, encodeDeleteWrite } from './wire-writes';
import { batchWrites, fieldPathSegment, planDelete, planWrite, type PlannedWrite } from './write-plan';

const db = { projectId: 'demo-p', databaseId: 'staging' };
const doc = { name: 'users/u1', fields: { 'a-b': { integerValue: '1' }, ok: { doubleValue: 3 } } } as const;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

let codec: WireCodecs;
beforeAll(async () => {
  codec = await openWireCodecs();
});
afterAll(() => codec.close());

/** The planned write as the SDK's protobufjs decodes it. */
const decoded = (w: PlannedWrite): ProtoWrite => codec.decodeBatchWrite(encodeBatchWriteRequest('projects/demo-p/databases/staging', [w.write])).writes[0] as ProtoWrite;

describe('planWrite', () => {
  const name = 'projects/demo-p/databases/staging/documents/users/u1';

  it('overwrite is a full set', () => {
    const w = decoded(planWrite(doc, db, 'overwrite'));
    expect(w).toMatchObject({ operation: 'update', update: { name, fields: { 'a-b': { integerValue: '1' }, ok: { doubleValue: 3 } } }, updateMask: null, currentDocument: null });
  });

  it('merge masks the top-level fields, quoting non-identifiers', () => {
    expect(decoded(planWrite(doc, db, 'merge')).updateMask).toEqual({ fieldPaths: ['`a-b`', 'ok'] });
  });

  it('skip-existing carries an exists:false precondition', () => {
    expect(decoded(planWrite(doc, db, 'skip-existing')).currentDocument).toMatchObject({ exists: false });
  });

  it('counts the encoded size and its framing toward the batch budget', () => {
    const w = planWrite(doc, db, 'overwrite');
    expect(w.bytes).toBe(w.write.length + 6);
  });

  it('refuses a path that is not a document path', () => {
    for (const bad of ['users', 'users//x', 'a/../b/c', '']) {
      let caught: unknown;
      try {
        planWrite({ name: bad, fields: {} }, db, 'overwrite');
      } catch (err) {
        caught = err;
      }
      expect(isEngineError(caught, 'invalid_argument')).toBe(true);
    }
  });

  it('deletes by full name', () => {
    expect(decoded(planDelete('a/1/b/2', db))).toMatchObject({ operation: 'delete', delete: 'projects/demo-p/databases/staging/documents/a/1/b/2' });
  });
});

describe('fieldPathSegment', () => {
  it.each([
    ['simple_1', 'simple_1'],
    ['1abc', '`1abc`'],
    ['a.b', '`a.b`'],
    ['back`tick', '`back\\`tick`'],
    ['back\\slash', '`back\\\\slash`'],
    ['', '``'],
  ])('%s → %s', (name, path) => expect(fieldPathSegment(name)).toBe(path));
});

describe('batchWrites', () => {
  const w = (i: number, bytes = 10): PlannedWrite => ({ path: `c/${i}`, write: encodeDeleteWrite(`c/${i}`), bytes });

  it('never puts more than 500 writes in a batch', async () => {
    const batches = await collect(batchWrites(Array.from({ length: 1201 }, (_, i) => w(i))));
    expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
    expect(batches.flat().map((x) => x.path)).toEqual(Array.from({ length: 1201 }, (_, i) => `c/${i}`));
  });

  it('closes a batch before it exceeds the byte budget, and sends an oversized write alone', async () => {
    const sizes = [40, 40, 30, 200, 10];
    const batches = await collect(batchWrites(sizes.map((b, i) => w(i, b)), { maxBytes: 100 }));
    expect(batches.map((b) => b.map((x) => x.bytes))).toEqual([[40, 40], [30], [200], [10]]);
  });

  it('yields nothing for no writes', async () => {
    expect(await collect(batchWrites([]))).toEqual([]);
  });
});
