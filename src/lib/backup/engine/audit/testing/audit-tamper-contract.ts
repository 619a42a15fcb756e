/**
 * The keyed-chain, checkpoint and group-commit part of the AuditLogStore contract: run against every adapter with a
 * raw handle on its storage (as an attacker who can write the control database has), and a bucket for checkpoints.
 */
import { createHash, randomBytes } from 'node:crypto';

import { createMemoryBackupStore } from '../../../adapters/memory/memory-backup-store';
import type { BackupStore } from '../../../ports';
import { anchorAuditLog, type AnchoredAuditLog } from '../anchored-audit-log';
import { writeAuditCheckpoint } from '../audit-checkpoints';
import { EMPTY_HEAD, headOf, nextAuditEntry, type AuditEntry, type AuditHead, type AuditInput } from '../audit-entry';
import { auditChainKey, type AuditChainKey } from '../audit-key';
import type { AuditLogStore } from '../../../ports/audit';
import { canonicalJson } from '../canonical-json';
import { verifyAuditChain } from '../verify-audit-chain';

import { auditInput } from './audit-log-store-contract';

/** What a test may do to the stored trail behind the store's back. */
export interface RawAuditTrail {
  /** Deletes every entry, the head and the verified mark. */
  wipe(): Promise<void>;
  /** Writes documents as stored, replacing those with the same seq, and sets the head. */
  put(entries: AuditEntry[], head: AuditHead): Promise<void>;
}

export interface TamperFixture {
  store: AuditLogStore;
  raw: RawAuditTrail;
  /** A store over the same stored trail chaining with another key (or none): a differently configured process. */
  reopen(key: AuditChainKey | undefined): AuditLogStore;
}

const clock = { now: () => new Date('2026-11-24T08:00:00.000Z') };

async function collect(it: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const inputOf = (e: AuditEntry): AuditInput => {
  const { seq: _s, hash: _h, prevHash: _p, chain: _c, ...input } = e;
  return input;
};

/** `entries` chained again from `head` with plain SHA-256: what someone without the key can write. */
function rechain(entries: AuditEntry[], head: AuditHead = EMPTY_HEAD): { entries: AuditEntry[]; head: AuditHead } {
  let h: AuditHead = { seq: head.seq, hash: head.hash };
  const out = entries.map((e) => {
    const next = nextAuditEntry(inputOf(e), h);
    h = headOf(next);
    return next;
  });
  return { entries: out, head: h };
}

export function describeAuditTamperContract(name: string, factory: (key: AuditChainKey | undefined) => Promise<TamperFixture>): void {
  describe(`AuditLogStore keyed chain and checkpoints: ${name}`, () => {
    jest.setTimeout(30_000);
    const key = auditChainKey(randomBytes(32));

    async function filled(n: number, o: { unkeyed?: boolean } = {}): Promise<{ audit: AnchoredAuditLog; entries: AuditEntry[]; bucket: BackupStore } & TamperFixture> {
      const k = o.unkeyed ? undefined : key;
      const f = await factory(k);
      const bucket = createMemoryBackupStore();
      const audit = anchorAuditLog(f.store, { bucket, key: k, every: 5, clock });
      for (let i = 0; i < n; i++) await audit.append(auditInput(i, { target: `t${i}` }));
      return { ...f, audit, bucket, entries: await collect(audit.readAll()) };
    }

    it('chains with an HMAC and records the key id; without or with another key the entries do not verify', async () => {
      const { entries } = await filled(3);
      expect(entries.map((e) => e.chain)).toEqual(Array.from({ length: 3 }, () => `hmac-sha256:${key.id}`));
      expect(await verifyAuditChain(entries, { key })).toEqual({ ok: true, checked: 3 });
      expect(await verifyAuditChain(entries)).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'key mismatch' } });
      expect(await verifyAuditChain(entries, { key: auditChainKey(randomBytes(32)) })).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'key mismatch' } });
    });

    it('a wiped trail fails verification, naming the bucket checkpoint', async () => {
      const { audit, raw } = await filled(12);
      expect(await audit.verify()).toMatchObject({ ok: true, checked: 12, keying: 'keyed', checkpoint: { key: 'audit/checkpoints/000010.json', seq: 10 } });
      await raw.wipe();
      expect(await audit.head()).toEqual(EMPTY_HEAD);
      expect(await audit.verify()).toMatchObject({
        ok: false,
        firstBroken: { seq: 1, reason: 'checkpoint mismatch', detail: 'the trail has 0 entries, the bucket checkpoint audit/checkpoints/000010.json says 10' },
      });
    });

    it('a trail rewritten consistently with plain SHA-256 (no key) fails verification', async () => {
      const { audit, raw, entries } = await filled(12);
      const forged = rechain(entries.map((e) => (e.seq === 4 ? { ...e, outcome: 'refused' as const } : e)));
      await raw.wipe();
      await raw.put(forged.entries, forged.head);
      expect(await verifyAuditChain(forged.entries, { head: forged.head })).toEqual({ ok: true, checked: 12 });
      expect(await audit.verify({ full: true })).toMatchObject({ ok: false, firstBroken: { seq: 10, reason: 'checkpoint mismatch' } });
    });

    it('a newer checkpoint forged without the key does not make a rewritten trail pass', async () => {
      const { audit, raw, entries, bucket } = await filled(12);
      const forged = rechain([...entries, ...entries.slice(0, 3).map((e, i) => ({ ...e, seq: 13 + i }))]);
      await raw.wipe();
      await raw.put(forged.entries, forged.head);
      await writeAuditCheckpoint(bucket, forged.head, { at: clock.now(), key: undefined });
      expect(await audit.verify({ full: true })).toMatchObject({
        ok: false,
        firstBroken: { seq: 15, reason: 'checkpoint mismatch', detail: 'the bucket checkpoint audit/checkpoints/000015.json is unkeyed but newer than the keyed audit/checkpoints/000010.json: written without the key' },
      });
    });

    it('an entry re-hashed without the key is an HMAC mismatch at its seq', async () => {
      const { audit, raw, entries } = await filled(8);
      const { hash: _h, ...edited } = { ...entries[5]!, outcome: 'failed' as const };
      const resealed = { ...edited, hash: createHash('sha256').update(canonicalJson(edited)).digest('hex') };
      await raw.put([resealed], headOf(entries[7]!));
      expect(await audit.verify({ full: true })).toMatchObject({ ok: false, firstBroken: { seq: 6, reason: 'hash mismatch', detail: expect.stringContaining('HMAC') } });
    });

    it('an unkeyed tail after keyed entries is a downgrade', async () => {
      const { audit, raw, entries } = await filled(8);
      const tail = rechain(entries.slice(6), { seq: 6, hash: entries[5]!.hash });
      await raw.put(tail.entries, tail.head);
      expect(await audit.verify({ full: true })).toMatchObject({ ok: false, firstBroken: { seq: 7, reason: 'downgraded' } });
    });

    it('verifies incrementally from the last verified position; full: true re-hashes everything', async () => {
      const { audit, raw, entries } = await filled(12);
      expect(await audit.verify()).toMatchObject({ ok: true, mode: 'full', from: 1, checked: 12 });
      for (let i = 12; i < 16; i++) await audit.append(auditInput(i));
      // From the older of the verified position (12) and the newest bucket checkpoint (15).
      expect(await audit.verify()).toMatchObject({ ok: true, mode: 'incremental', from: 12, checked: 5 });
      await raw.put([{ ...entries[2]!, target: 'edited long ago' }], await audit.head());
      expect(await audit.verify()).toMatchObject({ ok: true, mode: 'incremental', from: 15, checked: 2 });
      expect(await audit.verify({ full: true })).toMatchObject({ ok: false, mode: 'full', firstBroken: { seq: 3, reason: 'hash mismatch' } });
    });

    it('a verified position not signed with the key is ignored: the trail is verified in full', async () => {
      const { audit } = await filled(6);
      await audit.saveVerifiedMark({ seq: 6, hash: 'a'.repeat(64), at: clock.now().toISOString(), chain: `hmac-sha256:${key.id}`, mac: 'b'.repeat(64) });
      expect(await audit.verify()).toMatchObject({ ok: true, mode: 'full', checked: 6, attention: [expect.stringContaining('verified in full')] });
    });

    it('an unkeyed trail verifies and says so; its entries stay verifiable once a key is configured', async () => {
      const { audit, reopen } = await filled(3, { unkeyed: true });
      expect((await collect(audit.readAll())).every((e) => e.chain === undefined)).toBe(true);
      expect(await audit.verify()).toMatchObject({ ok: true, keying: 'unkeyed', attention: [expect.stringContaining('unkeyed')] });
      const keyed = anchorAuditLog(reopen(key), { bucket: createMemoryBackupStore(), key, every: 5, clock });
      await expect(keyed.append(auditInput(3))).resolves.toMatchObject({ seq: 4, chain: `hmac-sha256:${key.id}` });
      expect(await keyed.verify({ full: true })).toMatchObject({ ok: true, keying: 'keyed', checked: 4, attention: ['3 of the entries checked predate the key and are chained unkeyed (plain SHA-256)'] });
      await expect(audit.append(auditInput(5))).rejects.toMatchObject({ code: 'failed_precondition' });
    });

    it('8 and then 32 concurrent appends form one valid keyed chain', async () => {
      const { audit } = await filled(0);
      for (const n of [8, 32]) await Promise.all(Array.from({ length: n }, (_, i) => audit.append(auditInput(i, { target: `c${n}-${i}` }))));
      const all = await collect(audit.readAll());
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(all.map((e) => e.target)).size).toBe(40);
      expect(await audit.verify({ full: true })).toMatchObject({ ok: true, checked: 40, checkpoint: { seq: 40 } });
    }, 60_000);
  });
}
