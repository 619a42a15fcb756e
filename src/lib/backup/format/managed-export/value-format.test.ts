import { ManagedExportError } from './errors';
import {
  documentPath,
  encodeDouble,
  formatTimestampMicros,
  projectIdFromApp,
  referenceName,
} from './value-format';

describe('formatTimestampMicros', () => {
  it.each([
    [0n, '1970-01-01T00:00:00Z'],
    [1_577_836_800_000_000n, '2020-01-01T00:00:00Z'],
    [1_577_836_800_100_000n, '2020-01-01T00:00:00.100Z'],
    [1_577_836_800_123_000n, '2020-01-01T00:00:00.123Z'],
    [1_577_836_800_123_456n, '2020-01-01T00:00:00.123456Z'],
    [1_577_836_800_000_001n, '2020-01-01T00:00:00.000001Z'],
    [-500_000n, '1969-12-31T23:59:59.500Z'],
    [-1n, '1969-12-31T23:59:59.999999Z'],
    [-62_135_596_800_000_000n, '0001-01-01T00:00:00Z'],
    [253_402_300_799_999_999n, '9999-12-31T23:59:59.999999Z'],
  ])('formats %s µs as %s', (micros, text) => {
    expect(formatTimestampMicros(micros)).toBe(text);
  });

  it('agrees with Date (bigint floor division) around the double/bigint switch, every second boundary and at random', () => {
    const reference = (micros: bigint) => {
      let s = micros / 1_000_000n;
      let f = micros % 1_000_000n;
      if (f < 0n) {
        f += 1_000_000n;
        s -= 1n;
      }
      const whole = new Date(Number(s) * 1000).toISOString().slice(0, 19);
      const n = Number(f);
      return n === 0 ? `${whole}Z` : n % 1000 === 0 ? `${whole}.${String(n / 1000).padStart(3, '0')}Z` : `${whole}.${String(n).padStart(6, '0')}Z`;
    };
    const edge = 2n ** 52n;
    const samples: bigint[] = [];
    for (const center of [0n, edge, -edge, 4_102_444_800_000_000n /* 2100 */, -2_208_988_800_000_000n /* 1900 */]) {
      for (let d = -3n; d <= 3n; d++) samples.push(center + d, center - (center % 1_000_000n) + d);
    }
    let seed = 99;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 5_000; i++) {
      const seconds = BigInt(Math.floor(-62_135_596_800 + random() * 315_537_897_599));
      samples.push(seconds * 1_000_000n + BigInt(Math.floor(random() * 1_000_000)), seconds * 1_000_000n, seconds * 1_000_000n - 1n);
    }
    for (const micros of samples) {
      if (micros < -62_135_596_800_000_000n || micros > 253_402_300_799_999_999n) continue;
      expect(formatTimestampMicros(micros)).toBe(reference(micros));
    }
  });

  it('rejects instants outside Firestore’s range instead of printing odd years', () => {
    expect(() => formatTimestampMicros(-62_135_596_800_000_001n)).toThrow(ManagedExportError);
    expect(() => formatTimestampMicros(253_402_300_800_000_000n)).toThrow(/outside 0001-01-01..9999-12-31/);
  });
});

describe('encodeDouble', () => {
  it('spells non-finite values and negative zero as strings and leaves the rest as numbers', () => {
    expect([NaN, Infinity, -Infinity, -0, 0, 1.5, -2.25e-308].map(encodeDouble)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      0,
      1.5,
      -2.25e-308,
    ]);
  });
});

describe('documentPath', () => {
  it('joins collection and document ids, and spells numeric ids as __id<n>__', () => {
    expect(documentPath([{ type: 'users', name: 'u1' }, { type: 'events', id: 42n }])).toBe('users/u1/events/__id42__');
  });

  it.each([
    [[], /empty path/],
    [[{ type: 'users' }], /neither a name nor an id/],
    [[{ type: 'users', name: 'a', id: 1n }], /both a name and an id/],
    [[{ type: 'users', name: 'a/b' }], /invalid document id/],
    [[{ type: '', name: 'a' }], /invalid collection id/],
  ])('rejects the path %j', (path, message) => {
    expect(() => documentPath(path)).toThrow(message);
  });
});

describe('references', () => {
  it('drops the partition prefix of app ids', () => {
    expect(['s~my-app', 'dev~demo-x', 'e~eu-app', 'plain-app', 's~example.com:scoped'].map(projectIdFromApp)).toEqual([
      'my-app',
      'demo-x',
      'eu-app',
      'plain-app',
      'example.com:scoped',
    ]);
  });

  it('uses (default) when the key has no database id and the fallback project only when the app is empty', () => {
    const path = [{ type: 'a', name: 'b' }];
    expect(referenceName({ app: 's~p1', nameSpace: '', databaseId: '', path }, 'other')).toBe(
      'projects/p1/databases/(default)/documents/a/b',
    );
    expect(referenceName({ app: '', nameSpace: '', databaseId: 'db2', path }, 'fallback')).toBe(
      'projects/fallback/databases/db2/documents/a/b',
    );
    expect(() => referenceName({ app: '', nameSpace: '', databaseId: '', path }, undefined)).toThrow(/no projectId/);
    expect(() => referenceName({ app: 's~p', nameSpace: 'ns', databaseId: '', path }, undefined)).toThrow(/namespace/);
  });
});
