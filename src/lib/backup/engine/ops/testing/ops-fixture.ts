/**
 * An engine over memory adapters for unit tests of the operations use cases: a memory bucket (with fault hooks), job,
 * config and audit stores, a fixed clock, and `addBackup` to place a complete backup (chunk + manifest in the bucket,
 * a succeeded job in the catalog) as a real run would leave it. Database and export ports refuse use: no unit test
 * here takes a real backup.
 */
import { createHash } from 'node:crypto';

import { createMemoryAuditLogStore } from '../../../adapters/memory/memory-audit-log-store';
import { createFaultyMemoryBackupStore, type MemoryBackupStoreFaults } from '../../../adapters/memory/memory-backup-store';
import { createMemoryConfigStore } from '../../../adapters/memory/memory-config-store';
import { createMemoryJobStore } from '../../../adapters/memory/memory-job-store';
import { EngineError } from '../../../errors';
import { serializeManifest, type Manifest } from '../../../format/manifest';
import type { BackupStore, DatabaseRef } from '../../../ports';
import { BackupDREngine } from '../../backup-dr-engine';
import { backupRoot, manifestKey } from '../../backup/backup-deps';
import type { BackupResult } from '../../backup/backup-types';
import { newJob, type Job } from '../../jobs/job';
import { JobService } from '../../jobs/job-service';
import { fixedClock, sequentialIds, type FixedClock } from '../../testing/fixed-clock';
import type { OpsActor, OpsDeps } from '../catalog';

export interface OpsFixture extends OpsDeps {
  clock: FixedClock;
  store: BackupStore;
  faults: MemoryBackupStoreFaults;
  config: ReturnType<typeof createMemoryConfigStore>;
  audit: ReturnType<typeof createMemoryAuditLogStore>;
  database: DatabaseRef;
  /** Places a complete backup created at `at`; returns its job. */
  addBackup(at: string, opts?: { verified?: boolean; state?: 'succeeded' | 'failed'; id?: string; trigger?: string; include?: string[] }): Promise<Job>;
}

export const TEST_ACTOR: OpsActor = { uid: 'u-admin', email: 'admin@example.test', role: 'admin' };

const refuse = (): never => {
  throw new EngineError('failed_precondition', 'no database in this unit test');
};

/** `wrapStore` lets a test observe or alter what the engine does to the bucket. */
export function createOpsFixture(opts: { now?: string; wrapStore?: (s: BackupStore) => BackupStore } = {}): OpsFixture {
  const clock = fixedClock(opts.now ?? '2026-11-23T12:00:00.000Z');
  const { store: raw, faults } = createFaultyMemoryBackupStore({ name: 'ops', clock });
  const store = opts.wrapStore ? opts.wrapStore(raw) : raw;
  const database = { projectId: 'demo-ops', databaseId: '(default)' };
  const jobs = new JobService({ store: createMemoryJobStore(), clock });
  const engine = new BackupDREngine(
    {
      store,
      databases: { open: refuse, close: async () => undefined },
      exports: { start: refuse, check: refuse, cancel: async () => undefined },
      clock,
      ids: sequentialIds(),
      tool: { name: 'test', version: '0.0.0' },
      database,
    },
    jobs,
  );
  const config = createMemoryConfigStore();
  const audit = createMemoryAuditLogStore();
  return {
    engine, config, audit, jobStore: jobs.store, clock, store, faults, database,
    addBackup: async (at, o = {}) => {
      const backupId = o.id ?? `${at.replace(/[-:]/g, '').slice(0, 15)}Z-aaaaaa`;
      const { manifest, chunk } = sampleManifest(database, backupId, at);
      const root = backupRoot(database, backupId);
      await store.put(`${root}chunks/000001.ndjson.gz`, chunk);
      if (o.state !== 'failed') await store.put(manifestKey(database, backupId), Buffer.from(serializeManifest(manifest)));
      const scope = { include: o.include ?? [], trigger: o.trigger ?? 'test' };
      const params = { backupId, method: 'logical', database, include: scope.include, exclude: [], encrypt: false, trigger: scope.trigger };
      const job = newJob({ id: `backup-${backupId}`, kind: 'backup', params }, new Date(at));
      const done: Job = o.state === 'failed'
        ? { ...job, state: 'failed', error: { code: 'integrity', message: 'boom', retryable: false } }
        : { ...job, state: 'succeeded', result: { ...resultOf(manifest, store, o.verified ?? true), ...scope } };
      return engine.jobs.store.create(done);
    },
  };
}

/** A consistent one-chunk logical manifest (the chunk's bytes are not a real gzip stream; only sizes are checked). */
export function sampleManifest(database: DatabaseRef, backupId: string, at: string): { manifest: Manifest; chunk: Buffer } {
  const chunk = Buffer.from(`chunk of ${backupId}`);
  const sha256 = createHash('sha256').update(chunk).digest('hex');
  const manifest: Manifest = {
    format: 1,
    tool: { name: 'test', version: '0.0.0' },
    backupId,
    method: 'logical',
    source: database,
    snapshotTime: at,
    createdAt: at,
    completedAt: at,
    scope: { include: [], exclude: [] },
    collections: { users: { documents: 3 } },
    totals: { documents: 3, bytes: chunk.length },
    files: [{ path: 'chunks/000001.ndjson.gz', bytes: chunk.length, sha256, documents: 3 }],
    compression: 'gzip',
    encryption: null,
    parentBackupId: null,
    timings: { startedAt: at, snapshotAt: at, finishedAt: at, durationMs: 0 },
  };
  return { manifest, chunk };
}

function resultOf(m: Manifest, store: BackupStore, verified: boolean): BackupResult {
  return {
    backupId: m.backupId, method: m.method, database: m.source, location: `${store.url}/${backupRoot(m.source, m.backupId)}`,
    manifestKey: manifestKey(m.source, m.backupId), snapshotTime: m.snapshotTime, documents: m.totals.documents, bytes: m.totals.bytes,
    files: m.files.length, collections: m.collections, encrypted: false, keyId: null, notEncryptedReason: null, verified, verifiedAt: m.completedAt, durationMs: 0,
    include: [], exclude: [], trigger: 'test', legalHold: null,
  };
}
