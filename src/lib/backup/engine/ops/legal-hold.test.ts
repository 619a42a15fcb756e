import { backupRoot } from '../backup/backup-deps';

import { readCatalog } from './catalog';
import { clearLegalHold, setLegalHold } from './legal-hold';
import { pruneBackups } from './prune-backups';
import { TEST_ACTOR, createOpsFixture } from './testing/ops-fixture';

describe('legal holds', () => {
  it('sets the hold on the catalog entry and on every object, audited; clearing undoes both', async () => {
    const f = createOpsFixture();
    const job = await f.addBackup('2026-11-01T02:00:00.000Z');
    const [entry] = await readCatalog(f.jobStore);
    const backupId = String(entry?.backupId);
    const set = await setLegalHold(f, { backupId, reason: 'litigation 7', actor: TEST_ACTOR });
    expect(set).toMatchObject({ jobId: job.id, held: true, objects: 2, unchanged: false });
    expect(f.faults.heldKeys().sort()).toEqual([`${backupRoot(f.database, backupId)}chunks/000001.ndjson.gz`, `${backupRoot(f.database, backupId)}manifest.json`]);
    const held = (await f.engine.getBackup(backupId)).result?.legalHold;
    expect(held).toEqual({ reason: 'litigation 7', setBy: 'admin@example.test', setAt: '2026-11-23T12:00:00.000Z' });
    // A held object cannot be deleted behind the catalog's back either.
    await expect(f.store.delete(`${backupRoot(f.database, backupId)}manifest.json`)).rejects.toThrow();

    expect((await setLegalHold(f, { backupId, reason: 'again', actor: TEST_ACTOR })).unchanged).toBe(true);
    expect((await f.engine.getBackup(backupId)).result?.legalHold?.reason).toBe('litigation 7');

    await clearLegalHold(f, { backupId, reason: 'case closed', actor: TEST_ACTOR });
    expect((await f.engine.getBackup(backupId)).result?.legalHold).toBeNull();
    expect(f.faults.heldKeys()).toEqual([]);
    const trail = await f.audit.list();
    expect(trail.map((e) => [e.action, e.outcome, e.params?.reason])).toEqual([
      ['backup.release', 'ok', 'case closed'],
      ['backup.hold', 'ok', 'again'],
      ['backup.hold', 'ok', 'litigation 7'],
    ]);
  });

  it('needs a reason, a known completed backup, and refuses a backup being deleted; refusals are audited as refused', async () => {
    const f = createOpsFixture();
    await f.addBackup('2026-11-01T02:00:00.000Z');
    await f.addBackup('2026-11-02T02:00:00.000Z');
    const [, oldest] = await readCatalog(f.jobStore);
    await expect(setLegalHold(f, { backupId: String(oldest?.backupId), reason: '  ', actor: TEST_ACTOR })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(setLegalHold(f, { backupId: 'nope', reason: 'x', actor: TEST_ACTOR })).rejects.toMatchObject({ code: 'not_found' });
    await pruneBackups(f, { actor: TEST_ACTOR, policy: { keepLast: 1, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0, timeZone: 'UTC', updatedAt: null } });
    await expect(setLegalHold(f, { backupId: String(oldest?.backupId), reason: 'too late', actor: TEST_ACTOR })).rejects.toThrow(/deleted by retention/);
    expect((await f.audit.list({ action: 'backup.hold', outcome: 'refused' })).length).toBe(3);
  });
});
