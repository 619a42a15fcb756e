import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves array order alone', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order keys were inserted in', () => {
    expect(canonicalJson({ seq: 1, hash: 'h', actor: { uid: 'u', role: 'r' } })).toBe(canonicalJson({ actor: { role: 'r', uid: 'u' }, hash: 'h', seq: 1 }));
  });

  it('omits undefined properties, so an absent and an undefined optional field hash alike', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('escapes strings exactly as JSON does (quotes, control characters, non-ASCII kept)', () => {
    expect(canonicalJson({ 'k"\n': 'é\u0001"\\' })).toBe('{"k\\"\\n":"é\\u0001\\"\\\\"}');
  });

  it('sorts keys by code unit, not locale', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, _: 4 })).toBe('{"B":2,"_":4,"a":3,"b":1}');
  });

  it.each([
    ['NaN', { n: Number.NaN }, /non-finite number NaN at \$\.n/],
    ['Infinity', [Infinity], /non-finite number Infinity at \$\[0\]/],
    ['bigint', { n: 1n }, /a bigint at \$\.n/],
    ['a Date', { at: new Date(0) }, /an instance of Date at \$\.at/],
    ['an undefined array slot', [1, undefined], /undefined at \$\[1\]/],
    ['a function', { f: () => 1 }, /a function at \$\.f/],
  ])('refuses %s rather than coercing it', (_what, value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('accepts null-prototype objects', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 2;
    o.a = 1;
    expect(canonicalJson(o)).toBe('{"a":1,"b":2}');
  });
});
