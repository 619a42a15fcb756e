/**
 * Bench child: bursts of `concurrency` audited Admin API requests (`POST create_backup` through the real route
 * handler, scheduler-secret caller, in-process) against our own emulator; each request's time to its 202 includes
 * enqueueing the job and appending its audit entry. Reports p50/p99 over every request of every burst. The worker is
 * not started, so the jobs stay queued and only the request path is measured.
 */
import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { setRuntimeForTests, createApiRuntime } from '../../../src/lib/api/runtime';
import { loadEngineConfig } from '../../../src/lib/backup';
import { POST } from '../../../src/app/api/admin/backup/route';

import { baseSpecSchema, runChild } from './child-protocol';

const schema = baseSpecSchema.extend({ concurrency: z.number().int().min(1).max(256), bursts: z.number().int().min(1).max(100) });

const WARM_UP_REQUESTS = 3;

/** The value at quantile `q` (nearest rank) of ascending `sorted`. */
export function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

runChild('audit-requests', schema, async (spec, host) => {
  const secret = randomBytes(24).toString('hex');
  const config = loadEngineConfig({
    BACKUP_PROJECT_ID: spec.controlProjectId,
    BACKUP_BUCKET_URL: `file://${spec.bucketDir}`,
    BACKUP_SCHEDULER_SECRET: secret,
    BACKUP_AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
    FIRESTORE_EMULATOR_HOST: host,
  });
  const rt = createApiRuntime(config, { startWorker: false, rateLimit: { capacity: 100_000, refillPerSecond: 1_000 }, log: (line) => console.error(line) });
  setRuntimeForTests(rt);
  const request = async (): Promise<number> => {
    const t0 = performance.now();
    const res = await POST(
      new Request('http://127.0.0.1/api/admin/backup', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-backup-scheduler-secret': secret },
        body: JSON.stringify({ action: 'create_backup', method: 'logical' }),
      }),
    );
    if (res.status !== 202) throw new Error(`create_backup answered ${res.status}: ${await res.text()}`);
    return performance.now() - t0;
  };
  try {
    for (let i = 0; i < WARM_UP_REQUESTS; i++) await request();
    const t0 = performance.now();
    const times: number[] = [];
    for (let b = 0; b < spec.bursts; b++) times.push(...(await Promise.all(Array.from({ length: spec.concurrency }, request))));
    const seconds = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const head = await rt.audit.head();
    return { docs: times.length, seconds, extra: { p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), auditSeq: head.seq } };
  } finally {
    await rt.close();
  }
});
