import { MAX_STRING, REDACTED, sanitizeParams } from './sanitize-params';

describe('sanitizeParams', () => {
  it('redacts keys naming keys, secrets, passwords and tokens at any depth, in any case', () => {
    const out = sanitizeParams({
      apiKey: 'a',
      KEY: 'b',
      clientSecret: { nested: 'c' },
      opts: { Password: 'd', list: [{ idToken: 'e', keep: 1 }, { deep: { refresh_token: 'f' } }] },
      bucket: 'gs://keep-me',
    });
    expect(out).toEqual({
      apiKey: REDACTED,
      KEY: REDACTED,
      clientSecret: REDACTED,
      opts: { Password: REDACTED, list: [{ idToken: REDACTED, keep: 1 }, { deep: { refresh_token: REDACTED } }] },
      bucket: 'gs://keep-me',
    });
    expect(JSON.stringify(out)).not.toMatch(/"[a-f]"/);
  });

  it('does not mutate its input', () => {
    const input = { token: 't', inner: { secret: 's' } };
    sanitizeParams(input);
    expect(input).toEqual({ token: 't', inner: { secret: 's' } });
  });

  it('reduces values to JSON that survives a store round trip unchanged', () => {
    const out = sanitizeParams({
      at: new Date('2026-11-23T12:00:00Z'),
      big: 12345678901234567890n,
      nan: Number.NaN,
      negZero: -0,
      gone: undefined,
      fn: () => 1,
      bytes: Buffer.from('abc'),
      grid: [[1, 2], [3]],
      holes: [undefined, 1],
    });
    expect(out).toEqual({ at: '2026-11-23T12:00:00.000Z', big: '12345678901234567890', nan: null, negZero: 0, bytes: '<3 bytes>', grid: ['[1,2]', '[3]'], holes: [null, 1] });
    expect(Object.is(out.negZero, 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('cuts long strings and deep structures', () => {
    const long = 'x'.repeat(MAX_STRING + 10);
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    const out = sanitizeParams({ long, deep });
    expect(out.long).toBe(`${'x'.repeat(MAX_STRING)}…(${MAX_STRING + 10} chars)`);
    expect(JSON.stringify(out.deep)).toContain('"<truncated>"');
    expect(JSON.stringify(out.deep)).not.toContain('leaf');
  });
});
