/**
 * The work of drill steps 1–6. Each takes the shared context, records what later steps need on it, and returns a
 * one-line detail; a failed check throws an EngineError whose message says what did not match.
 */
import { isControlCollection } from '../../control-collections';
import { EngineError } from '../../errors';
import type { BackupStore, DatabaseRef, DocumentDatabase, DocumentDatabases } from '../../ports';
import type { BackupResult } from '../backup/backup-types';
import type { BackupDREngine } from '../backup-dr-engine';
import type { Job } from '../jobs/job';
import { resolveTarget, type RestoreResult } from '../restore/restore-types';
import type { StagingTarget } from '../../restore-target';

export interface DrillContext {
  engine: BackupDREngine;
  store: BackupStore;
  databases: DocumentDatabases;
  stagingTarget: StagingTarget | undefined;
  runJob: (jobId: string) => Promise<Job>;
  drillId: string;
  /** Root collections the drill covers; empty: every root collection but the control collections. */
  include: string[];
  source: DatabaseRef;
  staging: DatabaseRef | null;
  bucketReachable: boolean | null;
  backupJobId?: string;
  backup?: BackupResult;
  /** Documents per root collection in the backup's manifest. */
  roots?: Map<string, number>;
  restoreJob?: Job;
  restore?: RestoreResult;
  restoreRehearsed: boolean;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** 1: the bucket takes a write, a read and a delete; staging resolves to another database and answers. */
export async function initialize(ctx: DrillContext): Promise<string> {
  const { store } = ctx;
  const key = `_drill/probe-${ctx.drillId}`;
  const probe = Buffer.from(`drill ${ctx.drillId}`);
  ctx.bucketReachable = false;
  await store.put(key, probe, { contentType: 'text/plain' });
  const back = await store.get(key);
  await store.delete(key);
  if (!back.equals(probe) || (await store.stat(key)) !== undefined) throw new EngineError('integrity', `bucket ${store.url}: the probe ${key} did not read back as written or survived its delete`);
  ctx.bucketReachable = true;
  ctx.staging = resolveTarget({ kind: 'staging' }, ctx.source, ctx.stagingTarget);
  await ctx.databases.open(ctx.staging).snapshotTime();
  return `source ${ref(ctx.source)}, bucket ${store.url} writable, staging ${ref(ctx.staging)} reachable`;
}

/** 2: a logical backup (trigger `drill`) run to completion; it must end verified. */
export async function createTestBackup(ctx: DrillContext): Promise<string> {
  const job = await ctx.engine.createBackup({ method: 'logical', include: ctx.include, trigger: 'drill', idempotencyKey: ctx.drillId });
  ctx.backupJobId = job.id;
  const done = await ctx.runJob(job.id);
  const item = await ctx.engine.getBackup(done.id);
  if (done.state !== 'succeeded' || !item.result?.verified) throw new EngineError('failed_precondition', `backup job ${done.id} ended ${done.state}${done.error ? `: ${done.error.message}` : ''}`);
  ctx.backup = item.result;
  return `backup ${item.backupId}: ${item.result.documents} documents, ${mb(item.result.bytes)}, ${item.result.durationMs} ms${item.result.encrypted ? ', encrypted' : ''}`;
}

/** 3: every stored byte re-checked; per-root-collection counts equal the live source at the snapshot time. */
export async function validateContents(ctx: DrillContext): Promise<string> {
  const backup = need(ctx.backup, 'backup');
  const check = await ctx.engine.verifyBackup(backup.backupId);
  if (!check.ok) throw new EngineError('integrity', `backup ${backup.backupId} failed verification: ${check.findings.slice(0, 3).map((f) => f.message).join('; ')}`);
  const manifest = await ctx.engine.readManifest(backup.backupId, backup.database);
  const roots = new Map<string, number>();
  for (const [key, c] of Object.entries(manifest.collections)) {
    const root = key.split('/')[0] ?? key;
    roots.set(root, (roots.get(root) ?? 0) + c.documents);
  }
  ctx.roots = roots;
  const source = ctx.databases.open(backup.database);
  const readTime = manifest.snapshotTime;
  const live = ctx.include.length > 0 ? ctx.include : (await source.listRootCollections({ readTime })).filter((c) => !isControlCollection(c));
  const mismatches = await compareCounts(source, roots, live, readTime);
  if (mismatches.length > 0) throw new EngineError('integrity', `backup counts differ from the source at ${readTime}: ${mismatches.join('; ')}`);
  return `${check.documents} documents re-read and checked; ${live.length} collections match the source at ${readTime}`;
}

/** 4: a mirror restore of the test backup into staging. */
export async function restoreToStaging(ctx: DrillContext): Promise<string> {
  const backup = need(ctx.backup, 'backup');
  const job = await ctx.engine.createRestore({ backupId: backup.backupId, target: { kind: 'staging' }, mode: 'mirror', only: ctx.include });
  ctx.restoreJob = job;
  const done = await ctx.runJob(job.id);
  ctx.restoreJob = done;
  if (done.state !== 'succeeded' || done.result === null) throw new EngineError('failed_precondition', `restore job ${done.id} ended ${done.state}${done.error ? `: ${done.error.message}` : ''}`);
  ctx.restore = done.result as RestoreResult;
  return `${ctx.restore.written} written, ${ctx.restore.deleted} deleted in ${ref(need(ctx.staging, 'staging'))}; RTO ${(ctx.restore.durationMs / 1000).toFixed(1)} s`;
}

/** 5: the restore's own verification (content hashes of every document) and staging's counts per collection. */
export async function compareRestored(ctx: DrillContext): Promise<string> {
  const backup = need(ctx.backup, 'backup');
  const v = need(ctx.restore, 'restore').verification;
  if (v === null || !v.ok) throw new EngineError('integrity', `the restore was not verified${v ? `: ${v.problems.slice(0, 3).join('; ')}` : ''}`);
  if (v.checked !== backup.documents) throw new EngineError('integrity', `the restore verified ${v.checked} documents, the backup has ${backup.documents}`);
  const staging = ctx.databases.open(need(ctx.staging, 'staging'));
  const roots = need(ctx.roots, 'roots');
  const mismatches = await compareCounts(staging, roots, [...roots.keys()]);
  if (mismatches.length > 0) throw new EngineError('integrity', `staging counts differ from the backup: ${mismatches.join('; ')}`);
  ctx.restoreRehearsed = true;
  return `${v.checked} documents identical by content hash; ${roots.size} collections with equal counts`;
}

/**
 * 6: deletes the restored documents from staging and checks the scope is empty. The drill's backup is kept: it is
 * a verified recovery point like any other, retention prunes it, and deleting bucket objects behind the catalog's
 * back would leave the catalog lying.
 */
export async function cleanUp(ctx: DrillContext): Promise<string> {
  const staging = ctx.databases.open(need(ctx.staging, 'staging'));
  const roots = [...need(ctx.roots, 'roots').keys()];
  if (roots.length === 0) return 'nothing was restored';
  // Names read at one snapshot, so the deletes do not disturb the listing.
  const readTime = await staging.snapshotTime();
  const counters = await staging.deleteDocuments(names(staging.streamDocuments({ readTime, rootCollections: roots })), { throttle: false });
  const left = await staging.countDocuments({ rootCollections: roots });
  if (left !== 0) throw new EngineError('failed_precondition', `${left} documents are still in staging after the clean-up`);
  return `${counters.written} restored documents deleted from staging; backup ${need(ctx.backup, 'backup').backupId} kept`;
}

async function* names(docs: AsyncIterable<{ name: string }>): AsyncIterable<string> {
  for await (const d of docs) yield d.name;
}

async function compareCounts(db: DocumentDatabase, expected: Map<string, number>, live: readonly string[], readTime?: string): Promise<string[]> {
  const all = [...new Set([...expected.keys(), ...live])].sort();
  const mismatches: string[] = [];
  for (const root of all) {
    const have = await db.countDocuments({ rootCollections: [root], readTime });
    const want = expected.get(root) ?? 0;
    if (have !== want) mismatches.push(`${root}: ${have} in ${db.projectId}/${db.databaseId}, ${want} in the backup`);
  }
  return mismatches;
}

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new EngineError('internal', `drill: ${what} is missing (a previous step did not record it)`);
  return value;
}

function ref(db: DatabaseRef): string {
  return `${db.projectId}/${db.databaseId}`;
}
