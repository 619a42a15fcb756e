/**
 * The audit trail through the API (issue 15, findings 2 and 4): concurrent audited requests, incremental and full
 * verification, the head anchored in the bucket and in every manifest, and a trail erased or rewritten through the
 * raw Firestore client — what someone who can write the control database can do — failing verification.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EMPTY_HEAD, headOf, nextAuditEntry, type AuditEntry, type AuditHead } from '@/lib/backup/engine/audit/audit-entry';
import { auditDocId, HEAD_DOC_ID } from '@/lib/backup/adapters/firestore-control/audit-log-store';
import { call, createHarness, type Harness } from '@/lib/api/testing/route-harness';

import * as root from './route';
import * as auditVerify from './audit/verify/route';
import * as job from './jobs/[jobId]/route';

jest.setTimeout(180_000);

let h: Harness;
beforeAll(async () => {
  h = await createHarness('api-audit', {
    env: { BACKUP_AUDIT_HMAC_KEY: randomBytes(32).toString('hex'), BACKUP_AUDIT_CHECKPOINT_EVERY: '10' },
    rateLimit: { capacity: 1_000, refillPerSecond: 100 },
  });
  await h.api.runtime.control.doc('users/u1').set({ name: 'one' });
});
afterAll(async () => h.close());

const verifyChain = async (query = '') => (await call(auditVerify.GET, 'GET', `/api/admin/backup/audit/verify${query}`, { token: h.tokens.viewer })).body;

/** A cheap audited request: cancelling a job that does not exist is refused (404) and recorded. */
const refusedCancel = (i: number) => call(root.POST, 'POST', '/api/admin/backup', { token: h.tokens.operator, body: { action: 'cancel_job', jobId: `backup-20260101T000000Z-${String(i).padStart(6, '0')}` } });

async function backupAndWait(): Promise<string> {
  const res = await call(root.POST, 'POST', '/api/admin/backup', { token: h.tokens.operator, body: { action: 'create_backup', method: 'logical' } });
  expect(res.status).toBe(202);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const j = await call(job.GET, 'GET', `/api/admin/backup/jobs/${String(res.body.jobId)}`, { token: h.tokens.viewer, params: { jobId: String(res.body.jobId) } });
    if (j.body.state === 'succeeded') return String((j.body.result as { backupId: string }).backupId);
    if (['failed', 'cancelled'].includes(String(j.body.state)) || Date.now() > deadline) throw new Error(`backup ended ${String(j.body.state)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function storedEntries(): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of h.api.audit.readAll()) out.push(e);
  return out;
}

it('8 and 32 concurrent audited requests form one keyed chain; verify resumes where it stopped', async () => {
  for (const n of [8, 32]) {
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => refusedCancel(n * 100 + i)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: n }, () => 404));
  }
  expect(await verifyChain()).toMatchObject({ ok: true, checked: 40, head: { seq: 40 }, mode: 'full', keying: 'keyed', checkpoint: { key: 'audit/checkpoints/000040.json', seq: 40 } });
  await refusedCancel(1);
  expect(await verifyChain()).toMatchObject({ ok: true, mode: 'incremental', from: 40, checked: 2, head: { seq: 41 } });
  expect(await verifyChain('?full=true')).toMatchObject({ ok: true, mode: 'full', checked: 41 });
  expect((await call(auditVerify.GET, 'GET', '/api/admin/backup/audit/verify?full=maybe', { token: h.tokens.viewer })).status).toBe(422);
});

it('every backup manifest records the audit head, anchored in the bucket too', async () => {
  const backupId = await backupAndWait();
  const manifest = JSON.parse(readFileSync(join(h.bucketDir, h.projectId, '(default)', backupId, 'manifest.json'), 'utf8')) as { auditHead?: AuditHead };
  expect(manifest.auditHead).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), chain: expect.stringMatching(/^hmac-sha256:/) });
  const seq = manifest.auditHead!.seq;
  const checkpoint = JSON.parse(readFileSync(join(h.bucketDir, 'audit', 'checkpoints', `${String(seq).padStart(6, '0')}.json`), 'utf8')) as AuditHead;
  expect(checkpoint).toMatchObject({ seq, hash: manifest.auditHead!.hash });
});

it('a trail rewritten consistently without the key fails verification', async () => {
  const col = h.api.runtime.control.collection('backup_logs');
  const entries = await storedEntries();
  let head: AuditHead = EMPTY_HEAD;
  const batch = h.api.runtime.control.batch();
  for (const e of entries) {
    const { seq: _s, hash: _h, prevHash: _p, chain: _c, ...input } = e;
    const forged = nextAuditEntry(e.seq === 3 ? { ...input, outcome: 'ok' } : input, head);
    head = headOf(forged);
    batch.set(col.doc(auditDocId(forged.seq)), forged);
  }
  batch.set(col.doc(HEAD_DOC_ID), head);
  await batch.commit();
  const report = await verifyChain('?full=true');
  expect(report).toMatchObject({ ok: false, firstBroken: { reason: 'checkpoint mismatch' } });
});

it('erasing the trail (entries and head) is reported against the bucket checkpoint', async () => {
  for (let i = 0; i < 3; i++) await refusedCancel(9_000 + i);
  const before = await verifyChain();
  await h.api.runtime.control.recursiveDelete(h.api.runtime.control.collection('backup_logs'));
  const report = await verifyChain();
  expect(report).toMatchObject({ ok: false, head: { seq: 0 }, firstBroken: { seq: 1, reason: 'checkpoint mismatch' } });
  const cp = before.checkpoint as { key: string; seq: number };
  expect((report.firstBroken as { detail: string }).detail).toBe(`the trail has 0 entries, the bucket checkpoint ${cp.key} says ${cp.seq}`);
});
