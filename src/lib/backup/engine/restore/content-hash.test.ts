import type { DocumentJson, FirestoreValueJson } from '../../format/firestore-value-json';
import { everyValueTypeDocuments } from '../../format/testing/logical-fixtures';

import { containsFields, contentHash, sameFields } from './content-hash';

type Fields = DocumentJson['fields'];

/** Small variations of a value: each must compare unequal to it, except the spellings that mean the same value. */
function variants(v: FirestoreValueJson): Array<{ value: FirestoreValueJson; same: boolean }> {
  const out: Array<{ value: FirestoreValueJson; same: boolean }> = [{ value: { stringValue: 'other' }, same: false }, { value: { nullValue: null }, same: 'nullValue' in v }];
  if ('doubleValue' in v) {
    out.push({ value: { doubleValue: 1.5 }, same: v.doubleValue === 1.5 }, { value: { integerValue: '1' }, same: false });
    if (Object.is(v.doubleValue, -0) || v.doubleValue === '-0') out.push({ value: { doubleValue: 0 }, same: false }, { value: { doubleValue: '-0' }, same: true });
  }
  if ('timestampValue' in v) out.push({ value: { timestampValue: v.timestampValue.replace(/Z$/, '000Z').replace(/(:\d\d)000Z$/, '$1.000Z') }, same: true });
  if ('mapValue' in v) {
    const fields = v.mapValue.fields ?? {};
    out.push({ value: { mapValue: { fields: { ...fields, extra: { booleanValue: true } } } }, same: false });
    if (Object.keys(fields).length === 0) out.push({ value: { mapValue: {} }, same: true });
    else out.push({ value: { mapValue: { fields: Object.fromEntries(Object.entries(fields).reverse()) } }, same: true });
  }
  if ('arrayValue' in v) {
    const values = v.arrayValue.values ?? [];
    out.push({ value: { arrayValue: { values: [...values, { nullValue: null }] } }, same: false });
    if (values.length === 0) out.push({ value: { arrayValue: {} }, same: true });
    if (values.length > 1) out.push({ value: { arrayValue: { values: [...values].reverse() } }, same: JSON.stringify(values) === JSON.stringify([...values].reverse()) });
  }
  return out;
}

describe('sameFields / containsFields agree with contentHash', () => {
  const docs = everyValueTypeDocuments();

  it('on every value type and its variations, nested in maps and arrays too', () => {
    let compared = 0;
    for (const doc of docs) {
      for (const [key, value] of Object.entries(doc.fields)) {
        for (const { value: other, same } of variants(value)) {
          for (const wrap of [(x: FirestoreValueJson) => x, (x: FirestoreValueJson) => ({ mapValue: { fields: { k: x } } }), (x: FirestoreValueJson) => ({ arrayValue: { values: [x] } })]) {
            const a: Fields = { ...doc.fields, [key]: wrap(value) };
            const b: Fields = { ...doc.fields, [key]: wrap(other) };
            const byHash = contentHash(a) === contentHash(b);
            expect({ key, other, same: sameFields(a, b) }).toEqual({ key, other, same: byHash });
            expect(byHash).toBe(same);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('counts fields: a missing or extra field differs; containsFields allows extras in the target only', () => {
    const a: Fields = { x: { integerValue: '1' }, y: { stringValue: 's' } };
    expect(sameFields(a, { x: { integerValue: '1' } })).toBe(false);
    expect(sameFields({ x: { integerValue: '1' } }, a)).toBe(false);
    expect(sameFields(a, { y: { stringValue: 's' }, x: { integerValue: '1' } })).toBe(true);
    expect(containsFields(a, { x: { integerValue: '1' } })).toBe(true);
    expect(containsFields({ x: { integerValue: '1' } }, a)).toBe(false);
    expect(containsFields(a, { x: { integerValue: '2' } })).toBe(false);
  });
});
