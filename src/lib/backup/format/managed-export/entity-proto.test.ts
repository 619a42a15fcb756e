import type { FirestoreValueJson } from '../firestore-value-json';
import { entityToDocument, Meaning } from './entity-proto';
import { ManagedExportError } from './errors';
import { encodeDocument, encodeEntity, p, v, type PropertySpec, type ValueSpec } from './testing/entity-builder';

const doc = (props: readonly PropertySpec[]) => entityToDocument(encodeDocument([['t', 'd']], props));
const field = (props: readonly PropertySpec[]) => doc(props).fields;
const map = (fields: Record<string, FirestoreValueJson>): FirestoreValueJson => ({ mapValue: { fields } });

function decodeError(bytes: Uint8Array): ManagedExportError {
  try {
    entityToDocument(bytes);
  } catch (err) {
    if (err instanceof ManagedExportError) return err;
    throw err;
  }
  throw new Error('expected a ManagedExportError');
}

describe('entityToDocument: scalar values', () => {
  it('decodes every scalar type as the emulator encodes it', () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(
      field([
        p.plain('null', v.null()),
        p.plain('bool', v.bool(false)),
        p.plain('big', v.int(9007199254740993n)),
        p.plain('min', v.int(-9223372036854775808n)),
        p.plain('nan', v.double(NaN)),
        p.plain('negZero', v.double(-0)),
        p.plain('str', v.str('héllo 🌍')),
        p.plain('empty', v.str('')),
        p.timestamp('ts', 1_577_836_800_123_456n),
        p.geo('geo', 1.5, -2.25),
        p.bytes('bytes', bytes),
        { name: 'bytestring', value: v.raw(bytes), meaning: Meaning.BYTESTRING },
        { name: 'text', value: v.str('long text'), meaning: Meaning.TEXT },
      ]),
    ).toEqual({
      null: { nullValue: null },
      bool: { booleanValue: false },
      big: { integerValue: '9007199254740993' },
      min: { integerValue: '-9223372036854775808' },
      nan: { doubleValue: 'NaN' },
      negZero: { doubleValue: '-0' },
      str: { stringValue: 'héllo 🌍' },
      empty: { stringValue: '' },
      ts: { timestampValue: '2020-01-01T00:00:00.123456Z' },
      geo: { geoPointValue: { latitude: 1.5, longitude: -2.25 } },
      bytes: { bytesValue: 'AAEC/w==' },
      bytestring: { bytesValue: 'AAEC/w==' },
      text: { stringValue: 'long text' },
    });
  });

  it('builds reference names from the app, path and database id', () => {
    expect(
      field([
        p.plain('same', v.ref({ app: 's~prod-app', path: [['a', 'b'], ['c', 7n]] })),
        p.plain('named', v.ref({ app: 'dev~other', path: [['x', 'y']], databaseId: 'db2' })),
      ]),
    ).toEqual({
      same: { referenceValue: 'projects/prod-app/databases/(default)/documents/a/b/c/__id7__' },
      named: { referenceValue: 'projects/other/databases/db2/documents/x/y' },
    });
  });

  it('falls back to the projectId option for a reference without app', () => {
    const bytes = encodeDocument([['t', 'd']], [p.plain('r', v.ref({ app: '', path: [['a', 'b']] }))]);
    expect(entityToDocument(bytes, { projectId: 'src-proj' }).fields.r).toEqual({
      referenceValue: 'projects/src-proj/databases/(default)/documents/a/b',
    });
  });
});

describe('entityToDocument: arrays, maps and vectors', () => {
  it('groups repeated properties into arrays, in wire order, with empty and single-element arrays', () => {
    expect(
      field([
        ...p.array('mixed', [v.int(1), v.str('x'), v.null()]),
        p.plain('between', v.bool(true)),
        ...p.array('one', [v.double(2)]),
        p.emptyArray('none'),
        ...p.array('maps', []),
      ]),
    ).toEqual({
      mixed: { arrayValue: { values: [{ integerValue: '1' }, { stringValue: 'x' }, { nullValue: null }] } },
      between: { booleanValue: true },
      one: { arrayValue: { values: [{ doubleValue: 2 }] } },
      none: { arrayValue: {} },
    });
  });

  it('decodes nested maps, empty maps and maps inside arrays', () => {
    const deep = p.map('a', [p.map('b', [p.plain('c', v.str('deep')), p.emptyArray('e')])]);
    expect(
      field([deep, p.map('empty', []), p.map('list', [p.plain('k', v.int(1))], true), p.map('list', [], true)]),
    ).toEqual({
      a: map({ b: map({ c: { stringValue: 'deep' }, e: { arrayValue: {} } }) }),
      empty: { mapValue: {} },
      list: { arrayValue: { values: [{ mapValue: { fields: { k: { integerValue: '1' } } } }, { mapValue: {} }] } },
    });
  });

  it('turns VECTOR components back into the __vector__ map Firestore shows', () => {
    expect(field([...p.vector('vec', [1, -0, 2.5])]).vec).toEqual({
      mapValue: {
        fields: {
          __type__: { stringValue: '__vector__' },
          value: { arrayValue: { values: [{ doubleValue: 1 }, { doubleValue: '-0' }, { doubleValue: 2.5 }] } },
        },
      },
    });
  });

  it('keeps field names verbatim, dots and prototype names included', () => {
    const fields = field([p.plain('a.b', v.int(1)), p.plain('__proto__', v.int(2)), p.plain('', v.int(3))]);
    expect(Object.keys(fields)).toEqual(['a.b', '__proto__', '']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(fields.__proto__).toEqual({ integerValue: '2' });
  });
});

describe('entityToDocument: document names', () => {
  it('names documents by their full key path, numeric ids as __id<n>__', () => {
    const name = (path: Parameters<typeof encodeDocument>[0]) => entityToDocument(encodeDocument(path, [])).name;
    expect(name([['users', 'u1'], ['events', 'e 1 ü']])).toBe('users/u1/events/e 1 ü');
    expect(name([['t', 7n]])).toBe('t/__id7__');
    expect(name([['a', 'b'], ['c', 'd'], ['e', 'f']])).toBe('a/b/c/d/e/f');
  });
});

describe('entityToDocument: errors', () => {
  const at = (props: readonly PropertySpec[]) => decodeError(encodeDocument([['t', 'd']], props));

  it('names the document and the nested field of an unsupported meaning', () => {
    const err = at([p.map('outer', [...p.array('list', [v.int(1)]), { name: 'x', value: v.int(1), meaning: 38 }])]);
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.details).toMatchObject({ document: 't/d', field: 'outer.x' });
    expect(err.message).toBe('document "t/d", field "outer.x": property meaning 38');
  });

  const f = (value: ValueSpec, meaning: number, multiple = false): PropertySpec => ({
    name: 'f',
    value,
    meaning,
    multiple,
  });
  const notProto = v.raw(Uint8Array.from([0x0f]));
  it.each<[string, PropertySpec[], RegExp, string]>([
    ['a UserValue', [p.plain('u', v.user())], /UserValue/, 'UNSUPPORTED'],
    ['a compressed value', [{ name: 'z', value: v.str('x'), meaningUri: 'ZLIB' }], /meaning_uri "ZLIB"/, 'UNSUPPORTED'],
    ['a timestamp without int64', [f(v.str('x'), Meaning.GD_WHEN)], /meaning 7 with a string/, 'CORRUPT'],
    ['an empty-list marker with a value', [f(v.int(1), Meaning.EMPTY_LIST)], /meaning 24/, 'CORRUPT'],
    ['a repeated non-array field', [p.plain('d', v.int(1)), p.plain('d', v.int(2))], /2 values for a field/, 'CORRUPT'],
    ['an array mixed with a scalar', [...p.array('m', [v.int(1)]), p.plain('m', v.int(2))], /non-array/, 'CORRUPT'],
    ['a vector mixed with elements', [...p.vector('m', [1]), ...p.array('m', [v.double(2)])], /vector comp/, 'CORRUPT'],
    ['a vector of strings', [f(v.str('x'), Meaning.VECTOR, true)], /vector component of kind string/, 'CORRUPT'],
    ['invalid UTF-8', [p.plain('s', v.raw(Uint8Array.from([0xff])))], /not valid UTF-8/, 'CORRUPT'],
    ['a map that is not an EntityProto', [f(notProto, Meaning.ENTITY_PROTO)], /malformed protobuf/, 'CORRUPT'],
  ])('reports %s', (_, props, message, code) => {
    const err = at(props);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.details.document).toBe('t/d');
  });

  it('reports a value with two members set', () => {
    const err = at([{ name: 'x', value: (w) => void w.varint(1, 1).string(3, 'x') }]);
    expect(err.message).toMatch(/sets 2 members: int64, string/);
  });

  it('rejects entities without key and entities in a Datastore namespace', () => {
    expect(decodeError(encodeEntity({ key: undefined, properties: [] })).message).toMatch(/empty path/);
    const namespaced = encodeEntity({ key: { path: [['t', 'd']], nameSpace: 'tenant' }, properties: [] });
    expect(decodeError(namespaced).code).toBe('UNSUPPORTED');
  });
});
