import { isEngineError } from './errors';
import { compareKeys, joinKey, MAX_KEY_BYTES, normalizeKey, normalizePrefix } from './store-key';

/** The reason a value is refused, or 'ok'. */
function verdict(fn: (s: string) => string, value: string): string {
  try {
    expect(fn(value)).toBe(value);
    return 'ok';
  } catch (err) {
    if (!isEngineError(err, 'invalid_argument')) throw err;
    expect(err.message).toContain(JSON.stringify(value.slice(0, 200)));
    return String(err.details?.reason);
  }
}

const KEY_TABLE: readonly (readonly [string, string])[] = [
  ['a', 'ok'],
  ['p/db/2024-01-01T00:00:00Z-abc/chunks/000001.ndjson.gz.enc', 'ok'],
  ['.hidden/x', 'ok'],
  ['a..b/c...', 'ok'],
  ['a b/ü/日本/😀', 'ok'],
  ['C/x:y', 'ok'],
  ['~tmp/x', 'ok'],
  ['', 'key is empty'],
  ['..', 'has a ".." segment'],
  ['../x', 'has a ".." segment'],
  ['a/../b', 'has a ".." segment'],
  ['a/..', 'has a ".." segment'],
  ['./a', 'has a "." segment'],
  ['/abs', 'is absolute (starts with /)'],
  ['/', 'is absolute (starts with /)'],
  ['\\\\server\\share', 'contains a backslash (keys are /-separated)'],
  ['a\\b', 'contains a backslash (keys are /-separated)'],
  ['C:/x', 'is absolute (starts with a drive letter)'],
  ['c:x', 'is absolute (starts with a drive letter)'],
  ['a//b', 'has an empty segment'],
  ['a/', 'has an empty segment'],
  ['a\u0000b', 'contains a control character'],
  ['a\nb', 'contains a control character'],
  ['a\u001fb', 'contains a control character'],
  ['a\u007fb', 'contains a control character'],
  ['a/.~tmp-1', 'has a segment starting with ".~" (reserved)'],
  ['x\ud800y', 'contains an unpaired surrogate (not valid UTF-8)'],
  ['x\udc00', 'contains an unpaired surrogate (not valid UTF-8)'],
  ['a'.repeat(MAX_KEY_BYTES), 'ok'],
  ['a'.repeat(MAX_KEY_BYTES + 1), `longer than ${MAX_KEY_BYTES} UTF-8 bytes`],
  // 342 three-byte characters: 342 UTF-16 units but 1026 bytes.
  ['€'.repeat(342), `longer than ${MAX_KEY_BYTES} UTF-8 bytes`],
];

describe('normalizeKey', () => {
  it.each(KEY_TABLE)('%j → %s', (key, expected) => {
    expect(verdict(normalizeKey, key)).toBe(expected);
  });

  it('puts the key and the reason in details', () => {
    expect(() => normalizeKey('a//b')).toThrow(expect.objectContaining({ code: 'invalid_argument', retryable: false, details: { key: 'a//b', reason: 'has an empty segment' } }));
  });
});

const PREFIX_TABLE: readonly (readonly [string, string])[] = [
  ['', 'ok'],
  ['a', 'ok'],
  ['a/', 'ok'],
  ['a/b/', 'ok'],
  ['a/b', 'ok'],
  ['.', 'ok'],
  ['a/.', 'ok'],
  ['a/..', 'ok'],
  ['/', 'is absolute (starts with /)'],
  ['/a/', 'is absolute (starts with /)'],
  ['a//', 'has an empty segment'],
  ['a//b', 'has an empty segment'],
  ['../', 'has a ".." segment'],
  ['../a', 'has a ".." segment'],
  ['a/../b', 'has a ".." segment'],
  ['a\u0000', 'contains a control character'],
  ['a\\', 'contains a backslash (keys are /-separated)'],
];

describe('normalizePrefix', () => {
  it.each(PREFIX_TABLE)('%j → %s', (prefix, expected) => {
    expect(verdict(normalizePrefix, prefix)).toBe(expected);
  });
});

describe('joinKey', () => {
  it('joins parts with / and validates the result', () => {
    expect(joinKey('p', 'db/b1', 'manifest.json')).toBe('p/db/b1/manifest.json');
    expect(() => joinKey('', 'x')).toThrow(/part 0 is empty/);
    expect(() => joinKey('a/', 'x')).toThrow(/empty segment/);
    expect(() => joinKey('a', '..', 'x')).toThrow(/"\.\." segment/);
  });
});

describe('compareKeys', () => {
  it('orders by UTF-8 bytes (code points), as Cloud Storage lists', () => {
    const keys = ['a/b', 'a.txt', 'a', '\uffff', '😀', 'A', 'ab'];
    expect([...keys].sort(compareKeys)).toEqual(['A', 'a', 'a.txt', 'a/b', 'ab', '\uffff', '😀']);
    // UTF-16 order would put the astral character first.
    expect(['\uffff', '😀'].sort()).toEqual(['😀', '\uffff']);
  });
});
