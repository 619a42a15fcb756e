import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEngineError } from '../errors';
import { documentToLine, parseDocumentLine } from './document-line';
import type { DocumentJson } from './firestore-value-json';
import { everyValueTypeDocuments } from './testing/logical-fixtures';

const golden = readFileSync(join(__dirname, 'testdata', 'every-value-type.ndjson'), 'utf8');

describe('documentToLine / parseDocumentLine', () => {
  it('writes exactly the golden line encoding (format v1 is pinned)', () => {
    expect(everyValueTypeDocuments().map(documentToLine).join('')).toBe(golden);
  });

  it('round-trips every value type exactly, one line per document', () => {
    const docs = everyValueTypeDocuments();
    const lines = golden.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(docs.length);
    expect(lines.map((l, i) => parseDocumentLine(l, `line ${i + 1}`))).toEqual(docs);
  });

  it('keeps strings with newlines, NUL, line separators and lone surrogates on one line, losslessly', () => {
    const s = 'a\nb\r\u0000\u2028\ud800x\udfff"\\';
    const line = documentToLine({ name: 'c/d', fields: { s: { stringValue: s } } });
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const back = parseDocumentLine(line.slice(0, -1), 'x').fields.s;
    expect(back).toEqual({ stringValue: s });
  });

  it('never loses a double: NaN, ±Infinity and -0 given as numbers are written in their string forms', () => {
    const doc: DocumentJson = {
      name: 'c/d',
      fields: {
        nan: { doubleValue: Number.NaN as unknown as 'NaN' },
        inf: { doubleValue: Infinity as unknown as 'Infinity' },
        ninf: { doubleValue: -Infinity as unknown as '-Infinity' },
        nz: { doubleValue: -0 },
        z: { doubleValue: 0 },
        tiny: { doubleValue: Number.MIN_VALUE },
        pi: { doubleValue: Math.PI },
        arr: { arrayValue: { values: [{ doubleValue: -0 }] } },
      },
    };
    const back = parseDocumentLine(documentToLine(doc).trimEnd(), 'x').fields;
    expect(back.nan).toEqual({ doubleValue: 'NaN' });
    expect(back.inf).toEqual({ doubleValue: 'Infinity' });
    expect(back.ninf).toEqual({ doubleValue: '-Infinity' });
    expect(back.nz).toEqual({ doubleValue: '-0' });
    expect(back.arr).toEqual({ arrayValue: { values: [{ doubleValue: '-0' }] } });
    expect(Object.is((back.z as { doubleValue: number }).doubleValue, 0)).toBe(true);
    expect((back.tiny as { doubleValue: number }).doubleValue).toBe(Number.MIN_VALUE);
    expect((back.pi as { doubleValue: number }).doubleValue).toBe(Math.PI);
  });

  it('finds a lone -0 or NaN anywhere (last field, deep in a map), and is not fooled by look-alike strings', () => {
    const nan = Number.NaN as unknown as 'NaN';
    const deep = (x: DocumentJson['fields'][string]) => ({ mapValue: { fields: { deep: { mapValue: { fields: { x } } } } } });
    const look = { stringValue: '"doubleValue":null and "doubleValue":0}' };
    const cases: Array<[DocumentJson['fields'], DocumentJson['fields']]> = [
      [{ a: { integerValue: '1' }, z: { doubleValue: -0 } }, { a: { integerValue: '1' }, z: { doubleValue: '-0' } }],
      [{ m: deep({ doubleValue: nan }) }, { m: deep({ doubleValue: 'NaN' }) }],
      [{ s: look, d: { doubleValue: 0 } }, { s: look, d: { doubleValue: 0 } }],
    ];
    for (const [fields, back] of cases) expect(parseDocumentLine(documentToLine({ name: 'c/d', fields }).trimEnd(), 'x').fields).toEqual(back);
  });

  it('round-trips random finite doubles bit for bit', () => {
    const view = new DataView(new ArrayBuffer(8));
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      view.setUint32(0, seed);
      view.setUint32(4, (seed * 2654435761) >>> 0);
      const d = view.getFloat64(0);
      if (!Number.isFinite(d)) continue;
      const back = parseDocumentLine(documentToLine({ name: 'c/d', fields: { d: { doubleValue: d } } }).trimEnd(), 'x');
      expect(Object.is((back.fields.d as { doubleValue: number | string }).doubleValue, Object.is(d, -0) ? '-0' : d)).toBe(true);
    }
  });

  it.each([
    ['not JSON', '{"name":', /line 3: not valid JSON/],
    ['an array', '[]', /line 3: not a document: expected an object/],
    ['a collection path as name', '{"name":"users","fields":{}}', /name must be a document path/],
    ['missing fields', '{"name":"users/u1"}', /fields must be an object/],
    ['an unknown top-level key', '{"name":"users/u1","fields":{},"extra":1}', /unexpected key "extra"/],
    ['an unknown value kind', '{"name":"a/b","fields":{"x":{"fooValue":1}}}', /fields\.x: unknown Value kind "fooValue"/],
    ['two kinds in one value', '{"name":"a/b","fields":{"x":{"nullValue":null,"booleanValue":true}}}', /exactly one key/],
    ['a non-decimal integer', '{"name":"a/b","fields":{"x":{"integerValue":"12a"}}}', /fields\.x: bad integerValue/],
    ['a bad double string', '{"name":"a/b","fields":{"x":{"doubleValue":"nan"}}}', /bad doubleValue/],
    ['a bad nested array element', '{"name":"a/b","fields":{"m":{"mapValue":{"fields":{"a":{"arrayValue":{"values":[{"stringValue":1}]}}}}}}}', /fields\.m\.a\[0\]: bad stringValue/],
  ])('rejects %s with an integrity error naming the line', (_what, line, message) => {
    let caught: unknown;
    try {
      parseDocumentLine(line, 'chunk chunks/000001.ndjson.gz, line 3');
    } catch (err) {
      caught = err;
    }
    expect(isEngineError(caught, 'integrity')).toBe(true);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain('chunk chunks/000001.ndjson.gz, line 3');
  });
});
