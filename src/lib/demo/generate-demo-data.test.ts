import type { DocumentJson, FirestoreValueJson } from '../backup/format/firestore-value-json';

import { demoPlan, generateDemoData } from './generate-demo-data';

const opts = { documents: 2_000, seed: 42, projectId: 'demo-backup' };

function kinds(value: FirestoreValueJson, out: Set<string>): void {
  const kind = Object.keys(value)[0] ?? '?';
  if ('mapValue' in value) {
    const fields = value.mapValue.fields ?? {};
    const type = fields.__type__;
    if (type && 'stringValue' in type && type.stringValue === '__vector__') out.add('vectorValue');
    else if (Object.keys(fields).length === 0) out.add('emptyMap');
    Object.values(fields).forEach((f) => kinds(f, out));
  } else if ('arrayValue' in value) {
    if ((value.arrayValue.values ?? []).length === 0) out.add('emptyArray');
    (value.arrayValue.values ?? []).forEach((f) => kinds(f, out));
  } else if ('doubleValue' in value && typeof value.doubleValue === 'string') {
    out.add(`double:${value.doubleValue}`);
  } else if ('integerValue' in value && BigInt(value.integerValue) > BigInt(Number.MAX_SAFE_INTEGER)) {
    out.add('intBeyond2p53');
  } else if ('timestampValue' in value && /\.\d{9}Z$/.test(value.timestampValue) && !/000Z$/.test(value.timestampValue)) {
    out.add('timestampNanos');
  }
  out.add(kind);
}

describe('demo data generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = [...generateDemoData(opts)];
    const b = [...generateDemoData(opts)];
    const c = [...generateDemoData({ ...opts, seed: 7 })];
    expect(b).toEqual(a);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
  });

  it.each([18, 1_000, 10_000, 12_345])('yields exactly %i documents with unique paths', (documents) => {
    const docs = [...generateDemoData({ ...opts, documents })];
    expect(docs).toHaveLength(documents);
    expect(new Set(docs.map((d) => d.name)).size).toBe(documents);
  });

  it('refuses sizes too small to hold the fixed documents', () => {
    expect(() => demoPlan(5)).toThrow(/at least/);
  });

  it('contains every Firestore value type and the edge cases', () => {
    const seen = new Set<string>();
    for (const doc of generateDemoData(opts)) Object.values(doc.fields).forEach((f) => kinds(f, seen));
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'stringValue', 'integerValue', 'intBeyond2p53', 'doubleValue', 'double:NaN', 'double:Infinity', 'double:-Infinity',
        'double:-0', 'booleanValue', 'nullValue', 'timestampValue', 'timestampNanos', 'geoPointValue', 'bytesValue',
        'referenceValue', 'arrayValue', 'mapValue', 'emptyMap', 'emptyArray', 'vectorValue',
      ]),
    );
  });

  it('has nested subcollections, a 4-level chain and subcollections under missing parents', () => {
    const names = new Set([...generateDemoData(opts)].map((d: DocumentJson) => d.name));
    expect([...names].some((n) => /^users\/[^/]+\/events\/[^/]+$/.test(n))).toBe(true);
    expect([...names].some((n) => /^orders\/[^/]+\/lineItems\/[^/]+$/.test(n))).toBe(true);
    expect(names.has('orgs/acme/teams/platform/projects/backup/tasks/t-0001')).toBe(true);
    expect(names.has('archive/2025/months/01')).toBe(true);
    expect(names.has('archive/2025')).toBe(false);
    expect(names.has('ghosts/missing-parent/children/c-1')).toBe(true);
    expect(names.has('ghosts/missing-parent')).toBe(false);
  });

  it('points references at the given project and database', () => {
    const docs = [...generateDemoData({ ...opts, projectId: 'demo-x', databaseId: 'staging' })];
    const order = docs.find((d) => d.name.startsWith('orders/'));
    expect(order?.fields.customer).toEqual({ referenceValue: expect.stringMatching(/^projects\/demo-x\/databases\/staging\/documents\/users\/u-/) });
  });
});
