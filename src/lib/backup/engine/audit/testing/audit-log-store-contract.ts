/** One contract suite for every AuditLogStore adapter (memory, Firestore). */
import type { AuditInput } from '../audit-entry';
import { EMPTY_HEAD, GENESIS_HASH } from '../audit-entry';
import type { AuditLogStore } from '../../../ports/audit';
import { REDACTED } from '../sanitize-params';
import { verifyAuditChain } from '../verify-audit-chain';

export interface AuditStoreFixture {
  store: AuditLogStore;
  cleanup(): Promise<void>;
}

const alice = { uid: 'u-alice', email: 'alice@example.com', role: 'admin', ip: '10.0.0.7' };

/** An input at minute `n` of a fixed day. */
export function auditInput(n: number, over: Partial<AuditInput> = {}): AuditInput {
  return { at: new Date(Date.UTC(2026, 10, 23, 12, n)).toISOString(), actor: alice, action: 'backup.start', outcome: 'ok', ...over };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function describeAuditLogStoreContract(name: string, factory: () => Promise<AuditStoreFixture>): void {
  describe(`AuditLogStore contract: ${name}`, () => {
    // Sized for a busy 2-core machine: the first test also pays for the emulator's cold start.
    jest.setTimeout(30_000);
    let store: AuditLogStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => cleanup());

    it('starts empty and chains from the genesis hash', async () => {
      expect(await store.head()).toEqual(EMPTY_HEAD);
      expect(await store.list()).toEqual([]);
      const first = await store.append(auditInput(0, { target: 'backup-1', requestId: 'req-1' }));
      const second = await store.append(auditInput(1, { actor: { system: 'scheduler' }, outcome: 'failed', reason: 'bucket unreachable' }));
      expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, target: 'backup-1', requestId: 'req-1', actor: alice });
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash, outcome: 'failed', reason: 'bucket unreachable', actor: { system: 'scheduler' } });
      expect(await store.head()).toEqual({ seq: 2, hash: second.hash });
      expect(await collect(store.readAll())).toEqual([first, second]);
    });

    it('redacts secrets before storing, and what is read back still verifies', async () => {
      await store.append(auditInput(0, { params: { bucket: 'gs://b', apiKey: 'AIza-secret', nested: { password: 'hunter2', list: [{ token: 't' }] } } }));
      const [entry] = await store.list();
      expect(entry?.params).toEqual({ bucket: 'gs://b', apiKey: REDACTED, nested: { password: REDACTED, list: [{ token: REDACTED }] } });
      expect(JSON.stringify(await collect(store.readAll()))).not.toMatch(/AIza-secret|hunter2/);
      expect(await verifyAuditChain(store.readAll(), { head: await store.head() })).toEqual({ ok: true, checked: 1 });
    });

    it('concurrent appends form one chain without gaps, duplicates or forks', async () => {
      const appended = await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(auditInput(i, { target: `t${i}` }))));
      expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      const all = await collect(store.readAll());
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(new Set(all.map((e) => e.target)).size).toBe(10);
      expect(await verifyAuditChain(all, { head: await store.head() })).toEqual({ ok: true, checked: 10 });
    }, 60_000);

    it('lists newest first with limit, cursor and filters', async () => {
      await store.append(auditInput(0, { action: 'backup.start' }));
      await store.append(auditInput(1, { action: 'restore.start', outcome: 'refused', reason: 'viewer' }));
      await store.append(auditInput(2, { action: 'backup.start', actor: { system: 'scheduler' } }));
      await store.append(auditInput(3, { action: 'backup.start', outcome: 'failed' }));
      const seqs = async (f: Parameters<AuditLogStore['list']>[0]) => (await store.list(f)).map((e) => e.seq);
      expect(await seqs({})).toEqual([4, 3, 2, 1]);
      expect(await seqs({ limit: 2 })).toEqual([4, 3]);
      expect(await seqs({ limit: 2, before: 3 })).toEqual([2, 1]);
      expect(await seqs({ action: 'backup.start' })).toEqual([4, 3, 1]);
      expect(await seqs({ outcome: 'refused' })).toEqual([2]);
      expect(await seqs({ actor: 'scheduler' })).toEqual([3]);
      expect(await seqs({ actor: 'alice@example.com', action: 'backup.start' })).toEqual([4, 1]);
      expect(await seqs({ actor: 'u-alice', outcome: 'ok', before: 4 })).toEqual([1]);
    });
  });
}
