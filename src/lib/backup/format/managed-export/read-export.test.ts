import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { DocumentJson } from '../firestore-value-json';
import { ManagedExportError } from './errors';
import { localExportSource, memoryExportSource, type ExportFileSource } from './file-source';
import { collectionGroupKey, countByCollection, readExportLayout, readManagedExport } from './read-export';
import { encodeDocument, p, v } from './testing/entity-builder';
import { buildExport, entitySetMetadata, EXPORT_NAME } from './testing/export-builder';
import { writeLevelDbLog } from './testing/leveldb-log-writer';

const GOLDEN = join(__dirname, 'testdata', 'emulator-export');

/** A document `path` with one integer field. */
function docBytes(path: string, n: number): Uint8Array {
  const segments = path.split('/');
  const pairs: [string, string][] = [];
  for (let i = 0; i < segments.length; i += 2) pairs.push([segments[i] ?? '', segments[i + 1] ?? '']);
  return encodeDocument(pairs, [p.plain('n', v.int(n))]);
}

async function readAll(source: ExportFileSource): Promise<DocumentJson[]> {
  const out: DocumentJson[] = [];
  for await (const doc of readManagedExport(source)) out.push(doc);
  return out;
}

async function readError(source: ExportFileSource): Promise<ManagedExportError> {
  try {
    await readAll(source);
  } catch (err) {
    if (err instanceof ManagedExportError) return err;
    throw err;
  }
  throw new Error('expected a ManagedExportError');
}

describe('readManagedExport on a real emulator export (golden)', () => {
  it('yields exactly the documents the emulator’s REST API returned', async () => {
    const expected = JSON.parse(await readFile(join(GOLDEN, 'expected.json'), 'utf8')) as DocumentJson[];
    const docs = await readAll(localExportSource(join(GOLDEN, 'export')));
    expect(docs.sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual(expected);
  });
});

describe('readManagedExport layout handling', () => {
  it('streams all sets and files in order and checks counts', async () => {
    const files = buildExport([{ files: [[docBytes('a/1', 1), docBytes('a/2', 2)], [docBytes('b/1/c/3', 3)]] }]);
    const docs = await readAll(memoryExportSource(files, 100));
    expect(docs.map((d) => d.name)).toEqual(['a/1', 'a/2', 'b/1/c/3']);
    expect(docs[2]?.fields).toEqual({ n: { integerValue: '3' } });
  });

  it('reads the kind_<id> folders of a collectionIds export', async () => {
    const files = buildExport([
      { collectionId: 'users', files: [[docBytes('users/u1', 1), docBytes('teams/t1/users/u2', 2)]] },
      { collectionId: 'events', files: [[docBytes('users/u1/events/e1', 3)]] },
    ]);
    expect([...files.keys()].sort()).toContain('all_namespaces/kind_users/all_namespaces_kind_users.export_metadata');
    const layout = await readExportLayout(memoryExportSource(files));
    expect(layout.entitySets.map((s) => [s.collectionId, s.documentCount, s.outputFiles])).toEqual([
      ['users', 2, ['all_namespaces/kind_users/output-0']],
      ['events', 1, ['all_namespaces/kind_events/output-0']],
    ]);
    expect((await readAll(memoryExportSource(files))).map((d) => d.name)).toEqual([
      'users/u1',
      'teams/t1/users/u2',
      'users/u1/events/e1',
    ]);
  });

  it('reads an export of an empty database (overall metadata only)', async () => {
    const files = buildExport([]);
    expect([...files.keys()]).toEqual([`${EXPORT_NAME}.overall_export_metadata`]);
    expect(await readAll(memoryExportSource(files))).toEqual([]);
  });

  it('reports a missing overall metadata as INCOMPLETE, pointing at a nested export folder', async () => {
    const nested = new Map([...buildExport([])].map(([k, b]) => [`${EXPORT_NAME}/${k}`, b]));
    const err = await readError(memoryExportSource(nested));
    expect(err.code).toBe('INCOMPLETE');
    expect(err.message).toMatch(/no \*\.overall_export_metadata at the export root.*found firestore_export_/);
  });

  it('reports missing metadata and output files as INCOMPLETE, naming the file', async () => {
    const files = buildExport([{ files: [[docBytes('a/1', 1)], [docBytes('a/2', 2)]] }]);
    const noOutput = new Map(files);
    noOutput.delete('all_namespaces/all_kinds/output-1');
    const err = await readError(memoryExportSource(noOutput));
    expect([err.code, err.details.file]).toEqual(['INCOMPLETE', 'all_namespaces/all_kinds/output-1']);

    const noSetMetadata = new Map(files);
    noSetMetadata.delete('all_namespaces/all_kinds/all_namespaces_all_kinds.export_metadata');
    expect((await readError(memoryExportSource(noSetMetadata))).code).toBe('INCOMPLETE');

    const partial = new Map(files);
    const setMetadata = 'all_namespaces/all_kinds/all_namespaces_all_kinds.export_metadata';
    partial.set(setMetadata, entitySetMetadata(['output-0'], true));
    expect((await readError(memoryExportSource(partial))).message).toMatch(/marked partial/);
  });

  it('reports an output file the metadata does not list as CORRUPT', async () => {
    const files = buildExport([{ files: [[docBytes('a/1', 1)]] }]);
    files.set('all_namespaces/all_kinds/output-7', writeLevelDbLog([docBytes('a/9', 9)]));
    const err = await readError(memoryExportSource(files));
    expect([err.code, err.details.file]).toEqual(['CORRUPT', 'all_namespaces/all_kinds/output-7']);
  });

  it('reports a document count that disagrees with the metadata (e.g. records lost at a record boundary)', async () => {
    const files = buildExport([{ files: [[docBytes('a/1', 1), docBytes('a/2', 2)]], documentCount: 3 }]);
    const err = await readError(memoryExportSource(files));
    expect(err.message).toMatch(/promises 3 documents for this set, its files hold 2/);
    const unchecked: DocumentJson[] = [];
    for await (const d of readManagedExport(memoryExportSource(files), { verifyCounts: false })) unchecked.push(d);
    expect(unchecked).toHaveLength(2);
  });

  it('names the file and record offset of an undecodable record', async () => {
    const bad = encodeDocument([['a', 'x']], [{ name: 'm', value: v.int(1), meaning: 99 }]);
    const files = buildExport([{ files: [[docBytes('a/1', 1), bad]] }]);
    const err = await readError(memoryExportSource(files));
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.details).toMatchObject({ file: 'all_namespaces/all_kinds/output-0', document: 'a/x', field: 'm' });
    expect(err.details.offset).toBe(7 + docBytes('a/1', 1).length);
  });

  it('rejects a document outside the collection of its kind_<id> set', async () => {
    const files = buildExport([{ collectionId: 'users', files: [[docBytes('teams/t1', 1)]] }]);
    expect((await readError(memoryExportSource(files))).message).toMatch(/outside collection "users"/);
  });

  it('rejects an unknown metadata version as UNSUPPORTED', async () => {
    const err = await readError(memoryExportSource(buildExport([], '4')));
    expect([err.code, err.details.file]).toEqual(['UNSUPPORTED', `${EXPORT_NAME}.overall_export_metadata`]);
  });

  it('refuses output paths that would leave the export folder', () => {
    const source = localExportSource('/tmp');
    expect(() => source.openFile('../etc/passwd')).toThrow(/escapes/);
  });
});

describe('collection counts', () => {
  it('keys documents by collection group, document ids replaced by *', () => {
    expect(['users/u1', 'users/u1/events/e1', 'a/b/c/d/e/f'].map(collectionGroupKey)).toEqual([
      'users',
      'users/*/events',
      'a/*/c/*/e',
    ]);
  });

  it('counts per collection group', async () => {
    const names = ['users/u1', 'users/u2', 'users/u1/events/e1', 'users/u2/events/e1', 'teams/t1'];
    expect(await countByCollection(names.map((name) => ({ name })))).toEqual(
      new Map([
        ['users', 2],
        ['users/*/events', 2],
        ['teams', 1],
      ]),
    );
  });
});
