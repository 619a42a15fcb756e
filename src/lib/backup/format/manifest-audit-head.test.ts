// The optional `auditHead` of manifest.json (issue 15, finding 4): old manifests without it still parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseManifestText, serializeManifest } from './manifest';

const valid = readFileSync(join(__dirname, 'testdata', 'manifests', 'valid-logical.json'), 'utf8');

describe('manifest auditHead', () => {
  it('is optional: a manifest written before it parses and serialises without it', () => {
    const m = parseManifestText(valid);
    expect(m.auditHead).toBeUndefined();
    expect(serializeManifest(m)).not.toContain('auditHead');
  });

  it('round-trips as the last key, and a malformed one is an integrity error naming the field', () => {
    const head = { seq: 218, hash: 'c'.repeat(64), chain: 'hmac-sha256:0123456789abcdef' };
    const text = serializeManifest({ ...parseManifestText(valid), auditHead: head });
    expect(Object.keys(JSON.parse(text) as object).at(-1)).toBe('auditHead');
    expect(parseManifestText(text).auditHead).toEqual(head);
    const bad = JSON.stringify({ ...(JSON.parse(valid) as object), auditHead: { seq: 218, hash: 'nope' } });
    expect(() => parseManifestText(bad)).toThrow(/manifest auditHead\.hash/);
  });
});
