import { fieldRows } from './value-view';

it('shows every Firestore type with its name, flattening maps and arrays', () => {
  const rows = fieldRows({
    name: { stringValue: 'Ada' },
    n: { integerValue: '9007199254740993' },
    d: { doubleValue: 'NaN' },
    at: { timestampValue: '2026-01-01T00:00:00.123456Z' },
    where: { geoPointValue: { latitude: 52.5, longitude: 13.4 } },
    ref: { referenceValue: 'projects/p/databases/(default)/documents/users/u1' },
    tags: { arrayValue: { values: [{ stringValue: 'a' }, { nullValue: null }] } },
    meta: { mapValue: { fields: { ok: { booleanValue: true } } } },
    emb: { mapValue: { fields: { __type__: { stringValue: '__vector__' }, value: { arrayValue: { values: [{ doubleValue: 0.5 }, { doubleValue: 1 }] } } } } },
  });
  expect(rows.map((r) => `${r.path}:${r.type}=${r.value}`)).toEqual([
    'at:timestamp=2026-01-01T00:00:00.123456Z',
    'd:double=NaN',
    'emb:vector=[0.5, 1] (2 dims)',
    'meta:map=1 field',
    'meta.ok:boolean=true',
    'n:integer=9007199254740993',
    'name:string="Ada"',
    'ref:reference=projects/p/databases/(default)/documents/users/u1',
    'tags:array=2 items',
    'tags[0]:string="a"',
    'tags[1]:null=null',
    'where:geopoint=52.5, 13.4',
  ]);
});
