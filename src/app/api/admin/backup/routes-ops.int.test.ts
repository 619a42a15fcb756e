/**
 * The operations routes on the real emulator over a seeded demo dataset: browsing a managed and a logical backup down
 * to one document with its value types intact, schedules and retention stored and read back, a dry-run prune that
 * explains itself, legal holds that prune honours, a drill run as a job with its report, and the dashboard's health.
 */
import { Firestore } from '@google-cloud/firestore';

import { call, createHarness, type Harness } from '@/lib/api/testing/route-harness';
import { seedDemoData } from '@/lib/demo/seed-demo-data';
import { firestoreEmulatorHost, testProjectId } from '@/test/emulator-env';

import * as root from './route';
import * as documents from './backups/[backupId]/documents/route';
import * as document from './backups/[backupId]/documents/[...path]/route';
import * as drills from './drills/route';
import * as job from './jobs/[jobId]/route';
import * as retention from './retention/route';
import * as schedules from './schedules/route';

jest.setTimeout(300_000);

const API = '/api/admin/backup';
let h: Harness;
let source: Firestore;
const ids: Record<'managed' | 'logical' | 'newest', string> = { managed: '', logical: '', newest: '' };

async function waitForJob(jobId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const res = await call(job.GET, 'GET', `${API}/jobs/${jobId}`, { token: h.tokens.viewer, params: { jobId } });
    if (['succeeded', 'failed', 'cancelled'].includes(String(res.body.state))) return res.body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(res.body.state)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function backup(method: 'managed' | 'logical'): Promise<string> {
  const res = await call(root.POST, 'POST', API, { token: h.tokens.operator, body: { action: 'create_backup', method } });
  const done = await waitForJob(String(res.body.jobId));
  expect(done.state).toBe('succeeded');
  return String((done.result as { backupId: string }).backupId);
}

const action = (token: string | undefined, body: Record<string, unknown>) => call(root.POST, 'POST', API, { token, body });

beforeAll(async () => {
  h = await createHarness('api-ops', { env: { BACKUP_STAGING_TARGET: `project:${testProjectId('api-ops-stg')}` }, rateLimit: { capacity: 1_000, refillPerSecond: 100 } });
  source = new Firestore({ projectId: h.projectId, host: firestoreEmulatorHost(), ssl: false });
  await seedDemoData(source, { documents: 80, seed: 11, projectId: h.projectId });
  ids.managed = await backup('managed');
  ids.logical = await backup('logical');
  ids.newest = await backup('logical');
});
afterAll(async () => {
  await source.terminate();
  await h.close();
});

describe.each(['managed', 'logical'] as const)('browsing a %s backup', (method) => {
  it('lists collections, pages a collection, and reads one document with its types intact', async () => {
    const backupId = ids[method];
    const top = await call(documents.GET, 'GET', `${API}/backups/${backupId}/documents`, { token: h.tokens.viewer, params: { backupId } });
    expect(top.status).toBe(200);
    const collections = (top.body.collections as { collection: string; documents: number }[]).map((c) => c.collection);
    expect(collections).toEqual(expect.arrayContaining(['users', 'types', 'users/*/events']));
    expect(top.body.documents).toEqual([]);
    const users = (await source.collection('users').get()).docs.map((d) => d.ref.path);
    const page1 = await call(documents.GET, 'GET', `${API}/backups/${backupId}/documents?collection=users&pageSize=2`, { token: h.tokens.viewer, params: { backupId } });
    const first = page1.body.documents as string[];
    expect(first).toHaveLength(2);
    expect(page1.body.nextAfter).toBe(first[1]);
    const seen = [...first];
    let after = String(page1.body.nextAfter);
    for (;;) {
      const next = await call(documents.GET, 'GET', `${API}/backups/${backupId}/documents?collection=users&pageSize=2&after=${encodeURIComponent(after)}`, { token: h.tokens.viewer, params: { backupId } });
      seen.push(...(next.body.documents as string[]));
      if (next.body.nextAfter === null) break;
      after = String(next.body.nextAfter);
    }
    expect(seen.sort()).toEqual(users.sort());
    const doc = await call(document.GET, 'GET', `${API}/backups/${backupId}/documents/types/all-values`, { token: h.tokens.viewer, params: { backupId, path: ['types', 'all-values'] } });
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({ name: 'types/all-values', fields: { int64Max: { integerValue: '9223372036854775807' }, negZero: { doubleValue: '-0' }, boolTrue: { booleanValue: true } } });
    const missing = await call(document.GET, 'GET', `${API}/backups/${backupId}/documents/types/nope`, { token: h.tokens.viewer, params: { backupId, path: ['types', 'nope'] } });
    expect(missing.status).toBe(404);
    const odd = await call(document.GET, 'GET', `${API}/backups/${backupId}/documents/types`, { token: h.tokens.viewer, params: { backupId, path: ['types', 'all-values', 'x'] } });
    expect(odd.status).toBe(422);
  });
});

it('schedules and retention are stored through the config store and read back', async () => {
  const schedule = { id: 'nightly', cron: '0 3 * * *', timeZone: 'Europe/Berlin', method: 'logical', include: ['users'], rpoTargetHours: 12, enabled: true };
  const created = await action(h.tokens.admin, { action: 'update_schedule', schedule });
  expect(created).toMatchObject({ status: 201, body: { created: true, schedule: { ...schedule, lastRunSlot: null } } });
  expect(await h.api.runtime.ops.config.getSchedule('nightly')).toMatchObject({ cron: '0 3 * * *', include: ['users'] });
  const updated = await action(h.tokens.admin, { action: 'update_schedule', schedule: { ...schedule, cron: '30 4 * * *' } });
  expect(updated).toMatchObject({ status: 200, body: { created: false, schedule: { cron: '30 4 * * *' } } });
  expect((await action(h.tokens.operator, { action: 'update_schedule', schedule })).status).toBe(403);
  const listed = await call(schedules.GET, 'GET', `${API}/schedules`, { token: h.tokens.viewer });
  expect(listed.body).toMatchObject({ schedules: [{ id: 'nightly', cron: '30 4 * * *', timeZone: 'Europe/Berlin' }], rpoTargetHours: 12 });

  const policy = { keepLast: 1, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0, timeZone: 'UTC' };
  expect((await action(h.tokens.admin, { action: 'update_retention', policy })).status).toBe(200);
  expect(await h.api.runtime.ops.config.getRetention()).toMatchObject(policy);
  const view = await call(retention.GET, 'GET', `${API}/retention`, { token: h.tokens.viewer });
  expect(view.body).toMatchObject({ stored: true, policy });
  const decisions = (view.body.preview as { decisions: { backupId: string; decision: string }[] }).decisions;
  expect(Object.fromEntries(decisions.map((d) => [d.backupId, d.decision]))).toEqual({ [ids.newest]: 'keep', [ids.logical]: 'remove', [ids.managed]: 'remove' });
});

it('a legal hold is audited and prune keeps the held backup; cleanup_old dry run only explains', async () => {
  const hold = await action(h.tokens.admin, { action: 'set_legal_hold', backupId: ids.managed, reason: 'case 2026-17' });
  expect(hold).toMatchObject({ status: 200, body: { backupId: ids.managed, held: true, unchanged: false } });
  const dry = await action(h.tokens.admin, { action: 'cleanup_old', dryRun: true });
  expect(dry.status).toBe(200);
  const verdicts = Object.fromEntries((dry.body.decisions as { backupId: string; decision: string; reasons: string[] }[]).map((d) => [d.backupId, [d.decision, d.reasons.join(' ')]]));
  expect(verdicts[ids.managed]).toEqual(['keep', expect.stringContaining('legal hold')]);
  expect(verdicts[ids.logical]?.[0]).toBe('remove');
  expect(dry.body.deleted).toEqual([]);
  expect((await h.api.runtime.engine.getBackup(ids.logical)).result?.verified).toBe(true);

  const pruned = await action(h.tokens.admin, { action: 'cleanup_old', dryRun: false });
  expect((pruned.body.deleted as { backupId: string }[]).map((d) => d.backupId)).toEqual([ids.logical]);
  await expect(h.api.runtime.engine.readManifest(ids.managed)).resolves.toMatchObject({ method: 'managed' });
  await expect(h.api.runtime.engine.readManifest(ids.logical)).rejects.toMatchObject({ code: 'not_found' });

  const release = await action(h.tokens.admin, { action: 'clear_legal_hold', backupId: ids.managed, reason: 'case closed' });
  expect(release).toMatchObject({ status: 200, body: { held: false } });
  const trail = await h.api.audit.list({ limit: 30 });
  const actions = trail.map((e) => `${e.action}:${e.outcome}`);
  expect(actions).toEqual(expect.arrayContaining(['legal_hold.set:ok', 'backup.hold:ok', 'legal_hold.clear:ok', 'backup.release:ok', 'retention.cleanup:ok', 'retention.prune:ok']));
  expect(trail.find((e) => e.action === 'backup.hold')).toMatchObject({ target: ids.managed, actor: { uid: h.uids.admin }, params: { reason: 'case 2026-17' } });
});

it('run_drill answers 202 and the drill job succeeds with a stored report; the dashboard shows health with the drill', async () => {
  const res = await action(h.tokens.operator, { action: 'run_drill', collections: ['users'] });
  expect(res.status).toBe(202);
  const jobId = String(res.body.jobId);
  expect(jobId).toMatch(/^drill-/);
  const done = await waitForJob(jobId);
  expect(done).toMatchObject({ state: 'succeeded', kind: 'drill', result: { drillId: jobId, ok: true, stored: true } });
  expect((done.result as { metrics: { rtoMs: number | null } }).metrics.rtoMs).toEqual(expect.any(Number));
  const reports = await call(drills.GET, 'GET', `${API}/drills?limit=5`, { token: h.tokens.viewer });
  expect(reports.body).toMatchObject({ items: [{ id: jobId, report: { ok: true } }] });
  const dash = await call(root.GET, 'GET', API, { token: h.tokens.viewer });
  expect(dash.body).toMatchObject({ health: { status: expect.any(String), lastDrill: { drillId: jobId, ok: true }, rpo: { targetHours: 12 } } });
  expect((dash.body.health as { nextScheduledRun: { scheduleId: string } | null }).nextScheduledRun).toMatchObject({ scheduleId: 'nightly' });
});

it('initialize (dry run) reports and scheduled_tick (report only) decides without starting anything', async () => {
  const init = await action(h.tokens.admin, { action: 'initialize', dryRun: true });
  expect(init).toMatchObject({ status: 200, body: { ok: true, dryRun: true } });
  expect(JSON.stringify(init.body.items)).toContain('already set');
  const before = await h.api.runtime.engine.listBackups({ limit: 100 });
  const tick = await call(root.POST, 'POST', API, { headers: { 'x-backup-scheduler-secret': h.api.authn.scheduler.secret ?? '' }, body: { action: 'scheduled_tick', reportOnly: true } });
  expect(tick).toMatchObject({ status: 200, body: { schedules: [{ scheduleId: 'nightly' }], ran: [] } });
  expect(await h.api.runtime.engine.listBackups({ limit: 100 })).toHaveLength(before.length);
});
