import { EMPTY_HEAD, hashAuditEntry, nextAuditEntry, type AuditEntry, type AuditHead } from './audit-entry';
import { verifyAuditChain } from './verify-audit-chain';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head: AuditHead = EMPTY_HEAD;
  for (let i = 0; i < n; i++) {
    const e = nextAuditEntry({ at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), actor: { system: 'test' }, action: `a${i}`, outcome: 'ok' }, head);
    out.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return out;
}

async function* stream(entries: AuditEntry[]): AsyncIterable<AuditEntry> {
  for (const e of entries) yield e;
}

const headOf = (entries: AuditEntry[]): AuditHead => {
  const last = entries[entries.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
};

describe('verifyAuditChain', () => {
  it('accepts an intact chain and an empty one', async () => {
    const c = chain(5);
    expect(await verifyAuditChain(stream(c), { head: headOf(c) })).toEqual({ ok: true, checked: 5 });
    expect(await verifyAuditChain(stream([]), { head: EMPTY_HEAD })).toEqual({ ok: true, checked: 0 });
  });

  it('names the entry edited in place', async () => {
    const c = chain(5);
    c[2] = { ...c[2]!, action: 'nothing.to.see' };
    expect(await verifyAuditChain(stream(c))).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 3, reason: 'hash mismatch' } });
  });

  it('an edited entry whose hash was recomputed breaks the link to the next one', async () => {
    const c = chain(5);
    const edited = { ...c[1]!, outcome: 'failed' as const };
    c[1] = { ...edited, hash: hashAuditEntry(edited) };
    expect(await verifyAuditChain(stream(c))).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 3, reason: 'prevHash mismatch' } });
  });

  it('reports the first missing seq when an entry was deleted', async () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(await verifyAuditChain(stream(c))).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'seq gap', detail: 'expected seq 2, found 3' } });
  });

  it('reports a duplicated seq and a wrong genesis', async () => {
    const c = chain(3);
    expect(await verifyAuditChain([c[0]!, c[0]!, c[1]!])).toMatchObject({ firstBroken: { seq: 2, reason: 'seq gap' } });
    const first = { ...c[0]!, prevHash: 'a'.repeat(64) };
    expect(await verifyAuditChain([{ ...first, hash: hashAuditEntry(first) }])).toMatchObject({ firstBroken: { seq: 1, reason: 'prevHash mismatch' } });
  });

  it('catches deletion of the newest entries only with the head', async () => {
    const c = chain(5);
    const head = headOf(c);
    const truncated = c.slice(0, 3);
    expect(await verifyAuditChain(stream(truncated))).toEqual({ ok: true, checked: 3 });
    expect(await verifyAuditChain(stream(truncated), { head })).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, reason: 'head mismatch' } });
    expect(await verifyAuditChain(stream([]), { head })).toMatchObject({ firstBroken: { seq: 1, reason: 'head mismatch' } });
  });

  it('stops reading at the first break', async () => {
    const c = chain(4);
    c[0] = { ...c[0]!, action: 'x' };
    let read = 0;
    async function* counting(): AsyncIterable<AuditEntry> {
      for (const e of c) {
        read++;
        yield e;
      }
    }
    await verifyAuditChain(counting());
    expect(read).toBe(1);
  });

  it('accepts entries appended after the head was read, but not a rewritten tail', async () => {
    const c = chain(5);
    const earlyHead = { seq: c[2]!.seq, hash: c[2]!.hash };
    expect(await verifyAuditChain(stream(c), { head: earlyHead })).toEqual({ ok: true, checked: 5 });
    expect(await verifyAuditChain(stream(c), { head: { seq: 3, hash: 'b'.repeat(64) } })).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 3, reason: 'head mismatch' } });
  });
});
