import type { DocumentJson } from '../../format/firestore-value-json';
import type { DocumentDatabase } from '../../ports';

import { SegmentVerifier } from './segment-verifier';

const doc = (name: string, fields: Record<string, string>): DocumentJson => ({
  name,
  fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { stringValue: v }])),
});

/** A target whose point reads see `live` at the moment they run, and that records what was asked. */
function target(live: Map<string, DocumentJson>, opts: { fail?: Error } = {}) {
  const asked: string[][] = [];
  const db = {
    getDocuments: async (paths: readonly string[]) => {
      asked.push([...paths]);
      if (opts.fail) throw opts.fail;
      return new Map(paths.flatMap((p) => (live.has(p) ? [[p, live.get(p) as DocumentJson] as const] : [])));
    },
  } as unknown as DocumentDatabase;
  return { db, asked };
}

const signal = new AbortController().signal;

describe('SegmentVerifier', () => {
  it('reads a segment back only once it is written, and passes when the target equals the backup', async () => {
    const backup = [doc('c/1', { a: 'x' }), doc('c/2', { a: 'y' }), doc('c/3', { a: 'z' })];
    const live = new Map<string, DocumentJson>();
    const { db, asked } = target(live);
    const v = new SegmentVerifier({ target: db, mode: 'overwrite', signal });
    for (const d of backup.slice(0, 2)) v.add(d);
    expect(asked).toEqual([]);
    for (const d of backup.slice(0, 2)) live.set(d.name, d);
    await v.segmentWritten();
    const last = backup[2] as DocumentJson;
    v.add(last);
    live.set(last.name, last);
    expect(await v.finish()).toEqual({ ok: true, checked: 3, problems: [] });
    expect(asked).toEqual([['c/1', 'c/2'], ['c/3']]);
  });

  it('reports missing and different documents (overwrite), missing fields (merge), missing documents (skip-existing)', async () => {
    const a = doc('c/a', { f: '1', g: '2' });
    const b = doc('c/b', { f: '1' });
    const live = new Map([[a.name, doc('c/a', { f: '1', g: '2', extra: 'kept' })], [b.name, doc('c/b', { f: 'changed' })]]);
    const run = async (mode: 'overwrite' | 'merge' | 'skip-existing', docs: DocumentJson[]) => {
      const v = new SegmentVerifier({ target: target(live).db, mode, signal });
      for (const d of docs) v.add(d);
      return v.finish();
    };
    const gone = doc('c/gone', { f: '1' });
    expect(await run('overwrite', [a, b, gone])).toEqual({
      ok: false,
      checked: 2,
      problems: ['c/a: content differs from the backup', 'c/b: content differs from the backup', 'c/gone: missing in the target'],
    });
    expect(await run('merge', [a, b])).toEqual({ ok: false, checked: 2, problems: ['c/b: content differs from the backup'] });
    expect(await run('skip-existing', [a, b, gone])).toEqual({ ok: false, checked: 2, problems: ['c/gone: missing in the target'] });
  });

  it('passes a read-back failure on to the restore at the next segment', async () => {
    const { db } = target(new Map(), { fail: new Error('emulator went away') });
    const v = new SegmentVerifier({ target: db, mode: 'overwrite', signal });
    const d = doc('c/1', { a: 'x' });
    v.add(d);
    await v.segmentWritten();
    await expect(v.segmentWritten()).rejects.toThrow('emulator went away');
  });
});
