/**
 * An engine wired to the real emulator for integration tests: a file:// bucket in a temp folder, control collections
 * and data in a fresh `demo-` project, the lossless Firestore adapter, the emulator's export.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Firestore } from '@google-cloud/firestore';

import { firestoreEmulatorHost, testProjectId } from '../../../../test/emulator-env';
import { EnvKeyWrapper } from '../../adapters/crypto/env-key-wrapper';
import { createEmulatorExportService } from '../../adapters/export/emulator-export-service';
import { createFileBackupStore } from '../../adapters/file/file-backup-store';
import { createFirestoreDatabases } from '../../adapters/firestore-databases';
import { createFirestoreJobStore } from '../../adapters/firestore-control/firestore-job-store';
import type { Clock } from '../../ports';
import { stagingTargetSchema } from '../../restore-target';
import { BackupDREngine, type EngineOptions } from '../backup-dr-engine';
import { JobService } from '../jobs/job-service';
import { Worker } from '../jobs/worker';

export interface EngineHarness {
  projectId: string;
  bucketDir: string;
  db: Firestore;
  engine: BackupDREngine;
  jobs: JobService;
  worker: Worker;
  /** Runs one job to its end in this process. */
  run(jobId: string): Promise<import('../jobs/job').Job>;
  close(): Promise<void>;
}

/** Options of a test engine; the staging target may be given as its text (parsed with the one grammar). */
export type HarnessOptions = Omit<EngineOptions, 'stagingTarget'> & { stagingTarget?: string; encryptionKey?: Buffer; clock?: Clock; leaseMs?: number };

export function createEngineHarness(label: string, opts: HarnessOptions = {}): EngineHarness {
  const projectId = testProjectId(label);
  const bucketDir = mkdtempSync(join(tmpdir(), `bucket-${label}-`));
  const db = new Firestore({ projectId });
  const store = createFileBackupStore(bucketDir);
  const clock = opts.clock ?? { now: () => new Date() };
  const databases = createFirestoreDatabases({ emulatorHost: firestoreEmulatorHost() });
  const jobs = new JobService({ store: createFirestoreJobStore(db), clock, leaseMs: opts.leaseMs ?? 30_000 });
  const engine = new BackupDREngine(
    {
      store,
      databases,
      exports: createEmulatorExportService({ host: firestoreEmulatorHost(), store }),
      keyWrapper: opts.encryptionKey ? new EnvKeyWrapper({ keyId: 'test-key', key: opts.encryptionKey }) : undefined,
      clock,
      ids: { newId: (p = 'id') => `${p}-${Date.now()}` },
      tool: { name: 'test', version: '0.0.0' },
      database: { projectId, databaseId: '(default)' },
    },
    jobs,
    { ...opts, stagingTarget: opts.stagingTarget === undefined ? undefined : stagingTargetSchema.parse(opts.stagingTarget) },
  );
  const worker = new Worker({ jobs, owner: `test-${label}`, handlers: engine.handlers() });
  return {
    projectId,
    bucketDir,
    db,
    engine,
    jobs,
    worker,
    run: async (jobId) => {
      await worker.runUntilIdle({ onlyId: jobId });
      return jobs.get(jobId);
    },
    close: async () => {
      await databases.close();
      await db.terminate();
      rmSync(bucketDir, { recursive: true, force: true });
    },
  };
}
