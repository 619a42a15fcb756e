import { GENESIS_HASH, hashAuditEntry, nextAuditEntry, parseAuditEntry, type AuditInput } from './audit-entry';
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
});
