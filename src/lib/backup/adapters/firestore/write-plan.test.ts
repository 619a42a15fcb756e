import { isEngineError } from '../../errors';

import { batchWrites, fieldPathSegment, planDelete, planWrite, type PlannedWrite } from './write-plan';

const db = { projectId: 'demo-p', databaseId: 'staging' };
const doc = { name: 'users/u1', fields: { 'a-b': { integerValue: '1' }, ok: { doubleValue: 3 } } } as const;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('planWrite', () => {
  const name = 'projects/demo-p/databases/staging/documents/users/u1';

  it('overwrite is a full set', () => {
    expect(planWrite(doc, db, 'overwrite').write).toEqual({ update: { name, fields: { 'a-b': { integerValue: '1' }, ok: { doubleValue: 3 } } } });
  });

  it('merge masks the top-level fields, quoting non-identifiers', () => {
    expect(planWrite(doc, db, 'merge').write.updateMask).toEqual({ fieldPaths: ['`a-b`', 'ok'] });
  });

  it('skip-existing carries an exists:false precondition', () => {
    expect(planWrite(doc, db, 'skip-existing').write.currentDocument).toEqual({ exists: false });
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
    expect(planDelete('a/1/b/2', db).write).toEqual({ delete: 'projects/demo-p/databases/staging/documents/a/1/b/2' });
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
  const w = (i: number, bytes = 10): PlannedWrite => ({ path: `c/${i}`, write: { delete: `c/${i}` }, bytes });

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
