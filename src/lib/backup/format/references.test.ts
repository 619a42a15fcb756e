import type { FirestoreValueJson } from './firestore-value-json';

import { rewriteReferences } from './references';

const from = { projectId: 'prod', databaseId: '(default)' };
const to = { projectId: 'demo-staging', databaseId: 'staging' };
const ref = (db: { projectId: string; databaseId: string }, path: string): FirestoreValueJson => ({
  referenceValue: `projects/${db.projectId}/databases/${db.databaseId}/documents/${path}`,
});

describe('rewriteReferences', () => {
  it('rewrites references into the source at any depth and keeps everything else', () => {
    const other = ref({ projectId: 'prod', databaseId: 'analytics' }, 'x/1');
    const fields: Record<string, FirestoreValueJson> = {
      top: ref(from, 'users/u1'),
      other,
      s: { stringValue: `projects/prod/databases/(default)/documents/users/u1` },
      list: { arrayValue: { values: [ref(from, 'a/1'), { mapValue: { fields: { deep: { arrayValue: { values: [ref(from, 'a/1/b/2')] } } } } }] } },
      empty: { arrayValue: {} },
      emptyMap: { mapValue: {} },
    };
    const snapshot = JSON.stringify(fields);
    expect(rewriteReferences(fields, from, to)).toEqual({
      top: ref(to, 'users/u1'),
      other,
      s: fields.s,
      list: { arrayValue: { values: [ref(to, 'a/1'), { mapValue: { fields: { deep: { arrayValue: { values: [ref(to, 'a/1/b/2')] } } } } }] } },
      empty: { arrayValue: {} },
      emptyMap: { mapValue: {} },
    });
    expect(JSON.stringify(fields)).toBe(snapshot);
  });

  it('does not touch a database whose name merely starts like the source', () => {
    const near = ref({ projectId: 'prod', databaseId: '(default)x' }, 'a/1');
    const prodSuffix = ref({ projectId: 'prod-2', databaseId: '(default)' }, 'a/1');
    expect(rewriteReferences({ near, prodSuffix }, from, to)).toEqual({ near, prodSuffix });
  });

  it('returns the input when source and target are the same database', () => {
    const fields = { r: ref(from, 'a/1') };
    expect(rewriteReferences(fields, from, { ...from })).toBe(fields);
  });

  it('copies only what it changes: a document without references comes back as the same object', () => {
    const plain = { a: { stringValue: 'x' }, m: { mapValue: { fields: { n: { integerValue: '1' } } } }, l: { arrayValue: { values: [{ booleanValue: true }] } } };
    expect(rewriteReferences(plain, from, to)).toBe(plain);
    const mixed = { keep: plain.m, moved: { mapValue: { fields: { r: ref(from, 'a/1') } } } };
    const out = rewriteReferences(mixed, from, to);
    expect(out).not.toBe(mixed);
    expect(out.keep).toBe(plain.m);
    expect(out.moved).toEqual({ mapValue: { fields: { r: ref(to, 'a/1') } } });
    expect(mixed.moved).toEqual({ mapValue: { fields: { r: ref(from, 'a/1') } } });
  });
});
