import type { DocumentJson } from '../../format/firestore-value-json';
import type { DocumentDatabase } from '../../ports';

import { contentHash } from './content-hash';
import { restoreParamsSchema, type RestoreMode } from './restore-types';
import { parseSelection } from './selection';
import { verifyRestore } from './verify-restore';

const doc = (name: string, v: string): DocumentJson => ({ name, fields: { v: { stringValue: v } } });

/** Only what verification reads: the target's documents. */
function target(docs: DocumentJson[]): DocumentDatabase {
  return {
    streamDocuments: async function* () {
      yield* docs;
    },
  } as unknown as DocumentDatabase;
}

function params(mode: RestoreMode) {
  return restoreParamsSchema.parse({
    restoreId: 'r', backupId: 'b', source: { projectId: 'p', databaseId: '(default)' }, target: 'project:demo-tgt',
    targetDatabase: { projectId: 'demo-tgt', databaseId: '(default)' }, mode,
  });
}

async function check(mode: RestoreMode, backup: DocumentJson[], restored: DocumentJson[], withHashes: boolean) {
  return verifyRestore({
    target: target(restored),
    params: params(mode),
    selection: parseSelection([]),
    backupHashes: withHashes ? new Map(backup.map((d) => [d.name, contentHash(d.fields)])) : undefined,
    backupDocs: async function* () {
      yield* backup;
    },
    signal: new AbortController().signal,
  });
}

describe.each([true, false])('verifyRestore (backup hashes given: %s)', (withHashes) => {
  const backup = [doc('a/1', 'x'), doc('a/2', 'y')];

  it('passes when the target holds the backup', async () => {
    expect(await check('overwrite', backup, [...backup, doc('a/3', 'extra')], withHashes)).toEqual({ ok: true, checked: 2, problems: [] });
  });

  it('names a changed and a missing document', async () => {
    const r = await check('overwrite', backup, [doc('a/1', 'changed')], withHashes);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['a/1: content differs from the backup', 'a/2: missing in the target']);
  });

  it('in mirror mode also names extra documents', async () => {
    const r = await check('mirror', backup, [...backup, doc('a/3', 'extra')], withHashes);
    expect(r.problems).toEqual(['a/3: in the target but not in the backup (mirror)']);
  });
});

it('merge mode checks fields, not whole documents', async () => {
  const backup = [doc('a/1', 'x')];
  const merged: DocumentJson = { name: 'a/1', fields: { v: { stringValue: 'x' }, other: { booleanValue: true } } };
  expect((await check('merge', backup, [merged], false)).ok).toBe(true);
  expect((await check('merge', backup, [doc('a/1', 'y')], false)).problems).toEqual(['a/1: content differs from the backup']);
});
