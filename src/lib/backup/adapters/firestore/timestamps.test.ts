import { formatTimestamp, parseTimestamp } from './timestamps';

describe('formatTimestamp', () => {
  const cases: Array<[{ seconds: string | number; nanos: number }, string]> = [
    [{ seconds: '1700000000', nanos: 0 }, '2023-11-14T22:13:20Z'],
    [{ seconds: '1700000000', nanos: 120_000_000 }, '2023-11-14T22:13:20.120Z'],
    [{ seconds: '1700000000', nanos: 123_456_000 }, '2023-11-14T22:13:20.123456Z'],
    [{ seconds: '1700000000', nanos: 123_456_789 }, '2023-11-14T22:13:20.123456789Z'],
    [{ seconds: '1700000001', nanos: 123_456_000 }, '2023-11-14T22:13:21.123456Z'],
    [{ seconds: -1, nanos: 500_000_000 }, '1969-12-31T23:59:59.500Z'],
    [{ seconds: '-62135596800', nanos: 0 }, '0001-01-01T00:00:00Z'],
    [{ seconds: '253402300799', nanos: 999_999_000 }, '9999-12-31T23:59:59.999999Z'],
  ];

  it('prints proto3 JSON form (0, 3, 6 or 9 digits), the same in any call order (it caches the last values)', () => {
    for (const order of [cases, [...cases].reverse(), cases.flatMap((c) => [c, c, cases[0] as (typeof cases)[number]])]) {
      for (const [ts, text] of order) expect(formatTimestamp(ts)).toBe(text);
    }
  });

  it('round-trips with parseTimestamp', () => {
    for (const [ts, text] of cases) expect(parseTimestamp(text, 'x')).toEqual({ seconds: String(ts.seconds), nanos: ts.nanos });
  });
});
