import { Firestore } from '@google-cloud/firestore';

import { auditInput, describeAuditLogStoreContract } from '../../engine/audit/testing/audit-log-store-contract';
import { describeAuditTamperContract } from '../../engine/audit/testing/audit-tamper-contract';
import { verifyAuditChain } from '../../engine/audit/verify-audit-chain';
import { verifyAuditTrail } from '../../engine/audit/verify-audit-trail';
import type { AuditEntry } from '../../engine/audit/audit-entry';
import { testProjectId } from '../../../../test/emulator-env';

import { auditDocId, createFirestoreAuditLogStore, HEAD_DOC_ID } from './audit-log-store';

const clock = { now: () => new Date('2026-11-24T08:00:00.000Z') };

const db = new Firestore({ projectId: testProjectId('auditlog') });
let n = 0;
const freshCollection = () => `t${++n}_backup_logs`;
afterAll(() => db.terminate());

async function collect(it: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describeAuditLogStoreContract('firestore', async () => ({ store: createFirestoreAuditLogStore(db, { collection: freshCollection() }), cleanup: async () => undefined }));

// Tampering goes through the raw client, as someone with write access to the control database would.
describeAuditTamperContract('firestore', async (key) => {
  const collection = freshCollection();
  const col = db.collection(collection);
  return {
    store: createFirestoreAuditLogStore(db, { collection, key }),
    reopen: (k) => createFirestoreAuditLogStore(db, { collection, key: k }),
    raw: {
      wipe: () => db.recursiveDelete(col),
      put: async (entries, head) => {
        const batch = db.batch();
        for (const e of entries) batch.set(col.doc(auditDocId(e.seq)), e);
        batch.set(col.doc(HEAD_DOC_ID), head);
        await batch.commit();
      },
    },
  };
});

describe('firestore audit store', () => {
  it('20 concurrent appends form one unbroken chain 1..20, as stored documents show', async () => {
    const collection = freshCollection();
    const store = createFirestoreAuditLogStore(db, { collection });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(auditInput(i, { target: `t${i}` }))));
    // Second path: the raw documents, not the store.
    const raw = await db.collection(collection).get();
    const ids = raw.docs.map((d) => d.id).sort();
    expect(ids).toEqual([...Array.from({ length: 20 }, (_, i) => auditDocId(i + 1)), HEAD_DOC_ID]);
    expect(raw.docs.find((d) => d.id === HEAD_DOC_ID)?.get('seq')).toBe(20);
    const all = await collect(store.readAll());
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(all.map((e) => e.target)).size).toBe(20);
    expect(await verifyAuditChain(all, { head: await store.head() })).toEqual({ ok: true, checked: 20 });
  }, 120_000);

  it('two processes group-committing at the same time still form one chain', async () => {
    const collection = freshCollection();
    const a = createFirestoreAuditLogStore(db, { collection });
    const b = createFirestoreAuditLogStore(db, { collection });
    await Promise.all(Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? a : b).append(auditInput(i, { target: `p${i}` }))));
    const all = await collect(a.readAll());
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(new Set(all.map((e) => e.target)).size).toBe(32);
    expect(await verifyAuditChain(all, { head: await b.head() })).toEqual({ ok: true, checked: 32 });
  }, 120_000);

  it('an input that cannot be chained fails alone; the rest of its batch commits', async () => {
    const store = createFirestoreAuditLogStore(db, { collection: freshCollection() });
    const results = await Promise.allSettled([
      store.append(auditInput(0, { target: 'first' })),
      store.append(auditInput(1, { target: 'second' })),
      store.append(auditInput(2, { at: Number.NaN as unknown as string })),
      store.append(auditInput(3, { target: 'fourth' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[2]).toMatchObject({ reason: { code: 'invalid_argument' } });
    const all = await collect(store.readAll());
    expect(all.map((e) => [e.seq, e.target])).toEqual([[1, 'first'], [2, 'second'], [3, 'fourth']]);
    expect(await verifyAuditChain(all, { head: await store.head() })).toEqual({ ok: true, checked: 3 });
  });

  it('reads the trail across pages in seq order', async () => {
    const store = createFirestoreAuditLogStore(db, { collection: freshCollection(), pageSize: 3 });
    for (let i = 0; i < 7; i++) await store.append(auditInput(i));
    expect((await collect(store.readAll())).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await verifyAuditChain(store.readAll(), { head: await store.head() })).toEqual({ ok: true, checked: 7 });
  });

  describe('tampering through the SDK', () => {
    async function filled(count: number) {
      const collection = freshCollection();
      const store = createFirestoreAuditLogStore(db, { collection });
      for (let i = 0; i < count; i++) await store.append(auditInput(i, { target: `t${i}`, params: { bucket: 'gs://b' } }));
      return { store, col: db.collection(collection) };
    }

    it('an edited field is reported at exactly that seq', async () => {
      const { store, col } = await filled(6);
      await col.doc(auditDocId(4)).update({ outcome: 'refused' });
      const report = await verifyAuditChain(store.readAll(), { head: await store.head() });
      expect(report).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 4, reason: 'hash mismatch' } });
    });

    it('an edited nested param is reported at exactly that seq', async () => {
      const { store, col } = await filled(5);
      await col.doc(auditDocId(2)).update({ 'params.bucket': 'gs://elsewhere' });
      expect(await verifyAuditChain(store.readAll())).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'hash mismatch' } });
    });

    it('a deleted entry is a seq gap at its seq', async () => {
      const { store, col } = await filled(6);
      await col.doc(auditDocId(3)).delete();
      expect(await verifyAuditChain(store.readAll(), { head: await store.head() })).toMatchObject({
        ok: false,
        firstBroken: { seq: 3, reason: 'seq gap', detail: 'expected seq 3, found 4' },
      });
    });

    it('deleting the newest entry is caught by the head', async () => {
      const { store, col } = await filled(4);
      await col.doc(auditDocId(4)).delete();
      expect(await verifyAuditChain(store.readAll(), { head: await store.head() })).toMatchObject({ firstBroken: { seq: 4, reason: 'head mismatch' } });
    });

    it('a field smuggled into an entry is a malformed entry at that seq', async () => {
      const { store, col } = await filled(5);
      await col.doc(auditDocId(4)).update({ approvedBy: 'nobody' });
      expect(await verifyAuditTrail(store, { clock })).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 4, reason: 'malformed entry' } });
    });

    it('a taken seq makes append fail loudly instead of forking the chain', async () => {
      const { store, col } = await filled(2);
      await col.doc(HEAD_DOC_ID).set({ seq: 1, hash: (await store.head()).hash });
      await expect(store.append(auditInput(9))).rejects.toMatchObject({ name: 'EngineError', code: 'already_exists' });
      expect((await collect(store.readAll())).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('a malformed head is an integrity error', async () => {
      const { store, col } = await filled(1);
      await col.doc(HEAD_DOC_ID).set({ seq: 'one' });
      await expect(store.append(auditInput(2))).rejects.toMatchObject({ code: 'integrity' });
    });
  });
});
