import { backupRoot, manifestKey } from '../backup/backup-deps';

import { readCatalog } from './catalog';
import { reindexCatalog } from './reindex-catalog';
import { TEST_ACTOR, createOpsFixture } from './testing/ops-fixture';

describe('reindexCatalog', () => {
  it('recreates missing catalog entries from the manifests and reports known and unreadable ones', async () => {
    const f = createOpsFixture();
    const a = await f.addBackup('2026-11-01T02:00:00.000Z');
    const b = await f.addBackup('2026-11-02T02:00:00.000Z');
    const before = await f.engine.listBackups();
    await f.engine.jobs.store.delete(a.id);
    await f.store.put('demo-ops/(default)/garbage/manifest.json', Buffer.from('{not json'));
    await f.store.put('demo-ops/(default)/other/chunks/000001.ndjson.gz', Buffer.from('no manifest: not a backup'));

    const report = await reindexCatalog(f, { actor: TEST_ACTOR });
    expect(report.manifests).toBe(3);
    expect(report.found.map((x) => x.jobId)).toEqual([a.id]);
    expect(report.found[0]).toMatchObject({ verified: true, documents: 3 });
    expect(report.known).toEqual([before[0]?.backupId]);
    expect(report.unreadable).toEqual([{ key: 'demo-ops/(default)/garbage/manifest.json', reason: 'manifest.json is not valid JSON' }]);

    const after = await f.engine.listBackups();
    const pick = (x: typeof before) => x.map((i) => ({ backupId: i.backupId, state: i.state, documents: i.result?.documents, bytes: i.result?.bytes, collections: i.result?.collections, verified: i.result?.verified }));
    expect(pick(after)).toEqual(pick(before));
    expect(after.map((i) => i.jobId)).toEqual([b.id, a.id]);
    expect((await f.audit.list())[0]).toMatchObject({ action: 'catalog.reindex', outcome: 'ok' });
    // Running it again finds nothing new.
    expect((await reindexCatalog(f, { actor: TEST_ACTOR })).found).toEqual([]);
  });

  it('records a backup whose files are damaged as not verified, with the problem', async () => {
    const f = createOpsFixture();
    const a = await f.addBackup('2026-11-01T02:00:00.000Z');
    const [entry] = await readCatalog(f.jobStore);
    await f.engine.jobs.store.delete(a.id);
    f.faults.truncate(`${backupRoot(f.database, String(entry?.backupId))}chunks/000001.ndjson.gz`, 3);
    const report = await reindexCatalog(f, { actor: TEST_ACTOR });
    expect(report.found[0]).toMatchObject({ verified: false, problem: expect.stringMatching(/has 3 bytes, the manifest says/) });
    await expect(f.engine.createRestore({ backupId: String(entry?.backupId), target: 'staging' })).rejects.toThrow(/not a verified backup/);
  });

  it('refuses a manifest that sits in another backup\'s folder', async () => {
    const f = createOpsFixture();
    const a = await f.addBackup('2026-11-01T02:00:00.000Z');
    const [entry] = await readCatalog(f.jobStore);
    await f.engine.jobs.store.delete(a.id);
    const text = await f.store.get(manifestKey(f.database, String(entry?.backupId)));
    await f.store.put('demo-ops/(default)/copied/manifest.json', text);
    const report = await reindexCatalog(f, { actor: TEST_ACTOR, only: { projectId: 'demo-ops' } });
    expect(report.found).toHaveLength(1);
    expect(report.unreadable[0]?.reason).toMatch(/does not match its folder copied/);
  });
});
