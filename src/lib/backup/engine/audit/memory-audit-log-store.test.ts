// The memory store's tests live here because adapters/memory/ is shared with other work; it is the store engine
// unit tests use, so it runs the same contract as the Firestore store.
import { createMemoryAuditLogStore } from '../../adapters/memory/memory-audit-log-store';

import { auditInput, describeAuditLogStoreContract } from './testing/audit-log-store-contract';
import { describeAuditTamperContract } from './testing/audit-tamper-contract';
import { verifyAuditChain } from './verify-audit-chain';
import { verifyAuditTrail } from './verify-audit-trail';

const clock = { now: () => new Date('2026-11-24T08:00:00.000Z') };

describeAuditLogStoreContract('memory', async () => ({ store: createMemoryAuditLogStore(), cleanup: async () => undefined }));

describe('memory audit store under tampering', () => {
  async function filled(n: number) {
    const store = createMemoryAuditLogStore();
    for (let i = 0; i < n; i++) await store.append(auditInput(i, { target: `t${i}` }));
    return store;
  }

  it('an edited stored field is reported at exactly that seq', async () => {
    const store = await filled(6);
    store.raw.set(4, { ...store.raw.get(4), target: 'someone-else' });
    expect(await verifyAuditChain(store.readAll(), { head: await store.head() })).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 4, reason: 'hash mismatch' } });
  });

  it('a deleted entry is a seq gap; deleted newest entries are a head mismatch', async () => {
    const store = await filled(6);
    store.raw.delete(3);
    expect(await verifyAuditChain(store.readAll())).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'seq gap' } });
    const other = await filled(6);
    other.raw.delete(6);
    expect(await verifyAuditChain(other.readAll(), { head: await other.head() })).toMatchObject({ firstBroken: { seq: 6, reason: 'head mismatch' } });
  });

  it('a stored document that is not an entry is an integrity error naming it', async () => {
    const store = await filled(2);
    store.raw.set(2, { ...store.raw.get(2), outcome: 'fine' });
    await expect(verifyAuditChain(store.readAll())).rejects.toMatchObject({ code: 'integrity', message: expect.stringContaining('audit entry 2 is malformed: outcome') });
  });

  it('verifyAuditTrail reports a malformed entry as broken instead of throwing', async () => {
    const store = await filled(4);
    store.raw.set(3, { ...store.raw.get(3), smuggled: 'extra field' });
    expect(await verifyAuditTrail(store, { clock })).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 3, reason: 'malformed entry', detail: expect.stringContaining('audit entry 3 is malformed') } });
    const intact = await filled(4);
    expect(await verifyAuditTrail(intact, { clock })).toMatchObject({ ok: true, checked: 4 });
    intact.raw.delete(4);
    expect(await verifyAuditTrail(intact, { clock, full: true })).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'head mismatch' } });
  });

  it('verifyAuditTrail passes other store errors through', async () => {
    const store = await filled(1);
    const failing = { ...store, readAll: async function* () { yield* []; throw new Error('backend down'); } };
    await expect(verifyAuditTrail(failing, { clock })).rejects.toThrow('backend down');
  });
});

describeAuditTamperContract('memory', async (key) => {
  const store = createMemoryAuditLogStore({ key });
  return {
    store,
    reopen: (k) => store.withKey(k),
    raw: {
      wipe: async () => store.wipe(),
      put: async (entries, head) => {
        for (const e of entries) store.raw.set(e.seq, structuredClone(e) as unknown as Record<string, unknown>);
        store.setRawHead(head);
      },
    },
  };
});
