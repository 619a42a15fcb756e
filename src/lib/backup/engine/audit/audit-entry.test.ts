import { GENESIS_HASH, hashAuditEntry, nextAuditEntry, parseAuditEntry, type AuditInput } from './audit-entry';
import { auditChainKey } from './audit-key';
import { REDACTED } from './sanitize-params';

const input: AuditInput = { at: '2026-11-23T12:00:00.000Z', actor: { uid: 'u1', role: 'admin' }, action: 'backup.start', outcome: 'ok' };

describe('audit entries', () => {
  it('hashes the canonical JSON of the entry without its hash (value computed independently with sha256sum)', () => {
    // printf '%s' '{"action":"backup.start","actor":{"role":"admin","uid":"u1"},"at":"2026-11-23T12:00:00.000Z","outcome":"ok","prevHash":"000…000","seq":1}' | sha256sum
    const entry = nextAuditEntry(input, { seq: 0, hash: GENESIS_HASH });
    expect(entry.hash).toBe('f135292043c3a55b6868814c0db2ac5150fc083c91fa08fcf569eee8c82a5aa3');
    expect(hashAuditEntry(entry)).toBe(entry.hash);
    expect(hashAuditEntry({ ...entry, hash: 'ignored' })).toBe(entry.hash);
  });

  it('chains: seq follows the head and prevHash is the head hash, which the hash covers', () => {
    const a = nextAuditEntry(input, { seq: 0, hash: GENESIS_HASH });
    const b = nextAuditEntry(input, { seq: a.seq, hash: a.hash });
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash });
    expect(b.hash).not.toBe(a.hash);
    const forked = nextAuditEntry(input, { seq: 1, hash: 'f'.repeat(64) });
    expect(forked.hash).not.toBe(b.hash);
  });

  it('every field is covered by the hash', () => {
    const base = nextAuditEntry({ ...input, target: 't', reason: 'r', requestId: 'q', params: { n: 1 } }, { seq: 4, hash: GENESIS_HASH });
    const variants = [
      { ...base, at: '2026-11-23T12:00:00.001Z' },
      { ...base, actor: { uid: 'u1', role: 'operator' } },
      { ...base, actor: { uid: 'u1', role: 'admin', ip: '1.2.3.4' } },
      { ...base, action: 'backup.delete' },
      { ...base, target: 't2' },
      { ...base, params: { n: 2 } },
      { ...base, outcome: 'failed' as const },
      { ...base, reason: undefined },
      { ...base, requestId: 'q2' },
      { ...base, seq: 6 },
      { ...base, prevHash: '1'.repeat(64) },
    ];
    for (const v of variants) expect(hashAuditEntry(v)).not.toBe(base.hash);
  });

  it('redacts params and leaves absent optional fields out of the stored shape', () => {
    const entry = nextAuditEntry({ ...input, actor: { uid: 'u1', role: 'admin', email: undefined }, params: { password: 'p', n: 1 } }, { seq: 0, hash: GENESIS_HASH });
    expect(entry.params).toEqual({ password: REDACTED, n: 1 });
    expect(Object.keys(entry).sort()).toEqual(['action', 'actor', 'at', 'hash', 'outcome', 'params', 'prevHash', 'seq']);
    expect(Object.keys(entry.actor)).toEqual(['uid', 'role']);
  });

  it('parses stored entries strictly, naming the document and the field', () => {
    const entry = nextAuditEntry(input, { seq: 0, hash: GENESIS_HASH });
    expect(parseAuditEntry('000000000001', JSON.parse(JSON.stringify(entry)))).toEqual(entry);
    expect(() => parseAuditEntry('000000000001', { ...entry, outcome: 'maybe' })).toThrow(/audit entry 000000000001 is malformed: outcome/);
    expect(() => parseAuditEntry('000000000001', { ...entry, extra: 1 })).toThrow(/malformed/);
    expect(() => parseAuditEntry('000000000001', { ...entry, hash: 'abc' })).toThrow(/malformed: hash: expected 64 lowercase hex digits/);
  });

  it('keyed: an HMAC-SHA256 over the canonical JSON including the key id (values computed independently with openssl)', () => {
    // (printf 'backup-audit-chain-key\0'; head -c 32 /dev/zero | tr '\0' '\1') | sha256sum | cut -c1-16
    const key = auditChainKey(Buffer.alloc(32, 1));
    expect(key.id).toBe('42b5fc1bf0a0910f');
    // printf '%s' '{"action":…,"chain":"hmac-sha256:42b5fc1bf0a0910f",…,"seq":1}' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0101…01
    const entry = nextAuditEntry(input, { seq: 0, hash: GENESIS_HASH }, key);
    expect(entry.chain).toBe('hmac-sha256:42b5fc1bf0a0910f');
    expect(entry.hash).toBe('11352e8c97575b5e189ca286f6ae523c99e25458c7e725941679aaeb997abb44');
    expect(hashAuditEntry(entry, key)).toBe(entry.hash);
    expect(() => hashAuditEntry(entry)).toThrow(/chained with key 42b5fc1bf0a0910f.*BACKUP_AUDIT_HMAC_KEY is not configured/);
    expect(() => nextAuditEntry(input, { seq: 1, hash: entry.hash, chain: entry.chain })).toThrow(/chained with key 42b5fc1bf0a0910f and this process has no BACKUP_AUDIT_HMAC_KEY/);
    expect(() => auditChainKey(Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });
});
