/**
 * A BackupDREngine wired the way the local stack wires it (file:// bucket, Firestore job store, the lossless Firestore
 * adapter, the emulator's export), for one bench child. Jobs live in a separate control project so the source holds
 * exactly the seeded documents. The worker's handlers are wrapped to time the engine's phases from the outside
 * (when the job turns `verifying`, and the first time each progress phase is reported) without touching engine code.
 */
import { randomBytes } from 'node:crypto';

import { Firestore } from '@google-cloud/firestore';

import { createEmulatorExportService, createFileBackupStore, createFirestoreDatabases, createFirestoreJobStore, EnvKeyWrapper } from '../../../src/lib/backup/composition';
import { BackupDREngine, type Job, type JobContext, type JobHandler, type JobKind, JobService, Worker } from '../../../src/lib/backup';

import type { BaseSpec } from './child-protocol';

export interface BenchEngine {
  engine: BackupDREngine;
  /** Runs one job to its end in this process; throws unless it succeeded. */
  run(jobId: string): Promise<Job>;
  /** Seconds from the first job start to each phase change, in the order they happened. */
  phaseMarks(): Array<{ phase: string; at: number }>;
  close(): Promise<void>;
}

/** Wraps a handler so phase changes are timestamped; the engine sees the same context otherwise. */
function instrument(handler: JobHandler, mark: (phase: string) => void): JobHandler {
  return (ctx) => {
    mark('start');
    const wrapped: JobContext = {
      job: ctx.job,
      signal: ctx.signal,
      progress: (patch) => {
        if (patch.phase !== undefined && patch.phase !== null) mark(patch.phase);
        ctx.progress(patch);
      },
      checkpoint: (state) => ctx.checkpoint(state),
      verifying: async () => {
        mark('verifying');
        await ctx.verifying();
      },
    };
    return handler(wrapped);
  };
}

/** Opens an engine over the bench's emulator; `encryptionKey` turns client-side encryption on. */
export function openBenchEngine(spec: BaseSpec, emulatorHost: string, opts: { encryptionKey?: Buffer } = {}): BenchEngine {
  const control = new Firestore({ projectId: spec.controlProjectId });
  const store = createFileBackupStore(spec.bucketDir);
  const clock = { now: () => new Date() };
  const databases = createFirestoreDatabases({ emulatorHost });
  const jobs = new JobService({ store: createFirestoreJobStore(control), clock, leaseMs: 60_000 });
  const engine = new BackupDREngine(
    {
      store,
      databases,
      exports: createEmulatorExportService({ host: emulatorHost, store }),
      keyWrapper: opts.encryptionKey ? new EnvKeyWrapper({ keyId: 'bench-key', key: opts.encryptionKey }) : undefined,
      clock,
      ids: { newId: (p = 'id') => `${p}-${Date.now()}-${randomBytes(3).toString('hex')}` },
      tool: { name: 'bench', version: '0.0.0' },
      database: { projectId: spec.projectId, databaseId: '(default)' },
    },
    jobs,
  );
  const marks: Array<{ phase: string; at: number }> = [];
  let t0: number | undefined;
  const mark = (phase: string) => {
    const now = performance.now();
    t0 ??= now;
    if (marks.at(-1)?.phase !== phase) marks.push({ phase, at: (now - t0) / 1000 });
  };
  const handlers: Partial<Record<JobKind, JobHandler>> = {};
  for (const [kind, handler] of Object.entries(engine.handlers()) as Array<[JobKind, JobHandler]>) handlers[kind] = instrument(handler, mark);
  const worker = new Worker({ jobs, owner: `bench-${process.pid}`, handlers, log: (line) => console.error(line) });
  return {
    engine,
    phaseMarks: () => [...marks],
    run: async (jobId) => {
      const [job] = await worker.runUntilIdle({ onlyId: jobId });
      mark('done');
      if (job?.state !== 'succeeded') throw new Error(`job ${jobId} ended ${job?.state ?? 'unclaimed'}: ${job?.error?.message ?? ''}`);
      return job;
    },
    close: async () => {
      await databases.close();
      await control.terminate();
    },
  };
}

/**
 * Turns phase marks into seconds per phase: each phase lasts until the next mark. Repeated phases add up; the
 * closing `done` mark only ends the last phase.
 */
export function phaseDurations(marks: Array<{ phase: string; at: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  marks.forEach((m, i) => {
    const next = marks[i + 1];
    if (next !== undefined) out[m.phase] = (out[m.phase] ?? 0) + (next.at - m.at);
  });
  return out;
}
