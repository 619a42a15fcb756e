/**
 * Every POST action with generated malformed bodies (missing fields, wrong types, extra fields, 100 kB strings,
 * `../` in ids, non-objects, broken JSON) answers 4xx, and nothing changes: the control collections (except the audit
 * entries that record each refusal) and the bucket are the same before and after.
 */
import { ACTION_BODIES, ADMIN_ACTIONS, type AdminAction } from '@/lib/contracts';
import { bucketSnapshot, call, controlSnapshot, createHarness, type Harness } from '@/lib/api/testing/route-harness';

import * as root from './route';
import * as backups from './backups/route';
import * as verify from './backups/[backupId]/verify/route';
import * as cancel from './jobs/[jobId]/cancel/route';

jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-valid', { rateLimit: { capacity: 10_000, refillPerSecond: 1_000 } });
});
afterAll(async () => h.close());

const VALID: Record<AdminAction, Record<string, unknown>> = {
  create_backup: { method: 'managed', collections: ['users'], exclude: ['logs'], database: '(default)', encrypt: false, idempotencyKey: 'k1' },
  verify_backup: { backupId: '20260101T000000Z-abcdef' },
  cancel_job: { jobId: 'backup-20260101T000000Z-abcdef' },
  restore_to_staging: { backupId: 'b1', target: 'database:staging-db', mode: 'merge', only: ['users/u1'], dryRun: true },
  disaster_recovery: { backupId: 'b1', confirm: 'demo-x', mode: 'overwrite' },
  approve_restore: { restoreId: 'restore-1', confirm: 'demo-x' },
  cleanup_old: { dryRun: false },
  run_drill: { collections: ['users', 'orders'] },
  set_legal_hold: { backupId: 'b1', reason: 'litigation 2026-17' },
  clear_legal_hold: { backupId: 'b1', reason: 'case closed' },
  update_schedule: { schedule: { id: 'nightly', cron: '0 3 * * *', timeZone: 'UTC', method: 'logical', include: [], rpoTargetHours: 24, enabled: true } },
  update_retention: { policy: { keepLast: 7, daily: 14, weekly: 8, monthly: 12, maxAgeDays: 400 } },
  initialize: { dryRun: true },
  scheduled_tick: { reportOnly: true },
};

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'seven';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not-an-array';
  return ['not', 'an', 'object'];
}

/** Malformed variants of a valid body, each with a label. */
function malformed(valid: Record<string, unknown>, schemaNeedsFields: boolean): [string, unknown][] {
  const out: [string, unknown][] = [['extra field', { ...valid, surprise: true }], ['array body', []], ['string body', 'hello'], ['null body', null]];
  if (schemaNeedsFields) out.push(['missing fields', {}]);
  for (const [key, value] of Object.entries(valid)) {
    out.push([`wrong type ${key}`, { ...valid, [key]: wrongType(value) }]);
    if (typeof value === 'string') out.push([`100 kB ${key}`, { ...valid, [key]: 'x'.repeat(100_000) }]);
    if (/Id$/.test(key)) out.push([`../ in ${key}`, { ...valid, [key]: '../etc/passwd' }]);
    if (Array.isArray(value)) out.push([`100 kB item in ${key}`, { ...valid, [key]: ['y'.repeat(100_000)] }]);
  }
  const nested = Object.entries(valid).find(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (nested) {
    const [key, inner] = nested as [string, Record<string, unknown>];
    out.push([`extra field in ${key}`, { ...valid, [key]: { ...inner, sneaky: 1 } }]);
    for (const innerKey of Object.keys(inner)) out.push([`wrong type ${key}.${innerKey}`, { ...valid, [key]: { ...inner, [innerKey]: wrongType(inner[innerKey]) } }]);
    if ('id' in inner) out.push([`../ in ${key}.id`, { ...valid, [key]: { ...inner, id: '../../x' } }]);
  }
  return out;
}

const CASES: [string, AdminAction, unknown][] = ADMIN_ACTIONS.flatMap((action) =>
  malformed(VALID[action], !ACTION_BODIES[action].safeParse({}).success).map(([label, body]): [string, AdminAction, unknown] => [
    label,
    action,
    body !== null && typeof body === 'object' && !Array.isArray(body) ? { action, ...body } : body,
  ]),
);

it('the valid bodies are valid (so each malformed case differs by exactly its defect)', () => {
  for (const action of ADMIN_ACTIONS) expect(ACTION_BODIES[action].safeParse(VALID[action]).success).toBe(true);
  expect(CASES.length).toBeGreaterThan(100);
});

it('refuses every malformed body with 4xx and changes nothing but the audit trail', async () => {
  const control = await controlSnapshot(h.api);
  const bucket = bucketSnapshot(h.bucketDir);
  const headBefore = await h.api.audit.head();
  const statuses = new Map<string, number>();
  let sent = 0;
  const send = async (label: string, handler: typeof root.POST, path: string, opts: Parameters<typeof call>[3]) => {
    const res = await call(handler, 'POST', path, { token: h.tokens.admin, ...opts });
    statuses.set(label, res.status);
    sent++;
    expect({ label, status: res.status, code: (res.body.error as { code?: string } | undefined)?.code }).toEqual({
      label,
      status: expect.any(Number),
      code: res.status === 400 ? 'invalid_json' : 'invalid_argument',
    });
    expect([400, 422]).toContain(res.status);
  };
  for (const [label, action, body] of CASES) await send(`${action}: ${label}`, root.POST, '/api/admin/backup', { body });
  await send('unknown action', root.POST, '/api/admin/backup', { body: { action: 'drop_everything' } });
  await send('no action', root.POST, '/api/admin/backup', { body: { jobId: 'backup-1' } });
  await send('broken JSON', root.POST, '/api/admin/backup', { rawBody: '{"action": "create_backup",' });
  await send('backups POST: ../ database', backups.POST, '/api/admin/backup/backups', { body: { database: '../x' } });
  await send('backups POST: extra', backups.POST, '/api/admin/backup/backups', { body: { method: 'managed', rm: '-rf' } });
  await send('verify: ../ id', verify.POST, '/api/admin/backup/backups/x/verify', { body: {}, params: { backupId: '../x' } });
  await send('verify: body', verify.POST, '/api/admin/backup/backups/b1/verify', { body: { force: true }, params: { backupId: 'b1' } });
  await send('cancel: ../ id', cancel.POST, '/api/admin/backup/jobs/x/cancel', { body: {}, params: { jobId: 'backup-../../x' } });

  // The audit trail's bucket checkpoints (audit/checkpoints/) are the audit trail, like backup_logs below.
  const withoutAudit = (snap: Record<string, number>) => Object.fromEntries(Object.entries(snap).filter(([k]) => !k.startsWith('audit/')));
  expect(withoutAudit(bucketSnapshot(h.bucketDir))).toEqual(withoutAudit(bucket));
  const after = await controlSnapshot(h.api);
  const isAudit = (path: string) => path.startsWith('backup_logs/');
  const strip = (snap: Record<string, unknown>) => Object.fromEntries(Object.entries(snap).filter(([p]) => !isAudit(p)));
  expect(strip(after)).toEqual(strip(control));
  // Exactly one new audit entry per refused request, each a refusal, and the entries before are untouched.
  for (const [path, data] of Object.entries(control)) if (isAudit(path) && !path.endsWith('_head')) expect(after[path]).toEqual(data);
  const headAfter = await h.api.audit.head();
  expect(headAfter.seq - headBefore.seq).toBe(sent);
  const fresh = await h.api.audit.list({ limit: 500 });
  const newEntries = fresh.filter((e) => e.seq > headBefore.seq);
  expect(newEntries).toHaveLength(sent);
  expect(new Set(newEntries.map((e) => e.outcome))).toEqual(new Set(['refused']));
  // A refused request's params are only its field names, never the (unvalidated) values.
  expect(JSON.stringify(newEntries)).not.toContain('x'.repeat(3_000));
});
