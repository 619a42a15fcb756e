/**
 * Managed backup: Google's export (Admin API `exportDocuments`, or the emulator's export endpoint) writes its files
 * into the backup's folder; the engine keeps the operation name on the job so a restarted worker resumes polling,
 * then hashes and reads back every file and writes `manifest.json` last.
 */
import { EngineError } from '../../errors';
import type { Manifest } from '../../format/manifest';
import type { ExportStatus } from '../../ports';
import { pollOperation } from '../jobs/poll-operation';
import type { JobContext } from '../jobs/worker';
import { collectionGroupKey, readManagedExport } from '../../format/managed-export';
import { hashStored, storeExportSource, verifyManagedBackup } from '../verify/verify-managed-backup';

import { backupRoot, manifestKey, type EngineDeps } from './backup-deps';
import type { BackupParams, BackupResult } from './backup-types';
import { assertNoManifest, clearPartialFiles, commitVerifiedBackup, manifestTimes } from './backup-steps';
import { parseScope, rootCollectionsOf } from './scope';

function pollExport(deps: EngineDeps, operationName: string, ctx: Pick<JobContext, 'progress' | 'signal'>): Promise<ExportStatus> {
  return pollOperation({
    name: `export ${operationName}`,
    check: async () => {
      const status = await deps.exports.check(operationName);
      return status.done ? { done: true, value: status } : { done: false, progress: status.progress };
    },
    onProgress: (p) => ctx.progress({ phase: 'exporting', documents: p?.documents ?? 0, bytes: p?.bytes ?? 0 }),
    clock: deps.clock,
    signal: ctx.signal,
    onAbort: () => deps.exports.cancel(operationName),
  });
}

/** Lists the export's files with size and SHA-256 (read back from the store, not taken from the exporter). */
async function describeFiles(deps: EngineDeps, root: string): Promise<Manifest['files']> {
  const files: Manifest['files'] = [];
  for await (const o of deps.store.list(root)) {
    if (o.key === `${root}manifest.json`) continue;
    const { sha256, bytes } = await hashStored(deps.store, o.key);
    files.push({ path: o.key.slice(root.length), bytes, sha256 });
  }
  if (files.length === 0) throw new EngineError('integrity', `the export wrote no files into ${root}`);
  return files;
}

export async function runManagedBackup(deps: EngineDeps, params: BackupParams, ctx: JobContext): Promise<BackupResult> {
  const root = backupRoot(params.database, params.backupId);
  const scope = parseScope(params);
  if (scope.exclude.length > 0 || scope.include.some((p) => p.includes('/'))) {
    throw new EngineError('invalid_argument', 'managed backups select whole collection ids only (e.g. users,orders); use --method logical for path patterns and excludes');
  }
  const resumed = typeof ctx.job.checkpoint?.operationName === 'string';
  const startedAt = new Date(typeof ctx.job.checkpoint?.startedAt === 'string' ? ctx.job.checkpoint.startedAt : deps.clock.now().toISOString());
  let operationName = ctx.job.checkpoint?.operationName as string | undefined;
  if (operationName === undefined) {
    await assertNoManifest(deps.store, manifestKey(params.database, params.backupId));
    await clearPartialFiles(deps.store, root);
    ctx.progress({ phase: 'exporting' });
    ({ operationName } = await deps.exports.start({ ...params.database, backupId: params.backupId, storePrefix: root, collectionIds: rootCollectionsOf(scope) }));
    await ctx.checkpoint({ operationName, startedAt: startedAt.toISOString() });
  }
  const status = await pollExport(deps, operationName, ctx);
  if (status.error) {
    throw new EngineError(status.error.code === 'permission_denied' ? 'permission_denied' : 'failed_precondition', `export ${operationName} failed: ${status.error.message}`, {
      details: { operationName, resumed },
    });
  }
  await ctx.verifying();
  const files = await describeFiles(deps, root);
  const draft: Manifest = {
    format: 1,
    tool: deps.tool,
    backupId: params.backupId,
    method: 'managed',
    source: params.database,
    ...manifestTimes({ startedAt, snapshotAt: startedAt, finishedAt: deps.clock.now() }),
    scope: { include: scope.include, exclude: [] },
    collections: {},
    totals: { documents: 0, bytes: files.reduce((s, f) => s + f.bytes, 0) },
    files,
    compression: 'none',
    // Google's export format: the console cannot seal it (the bucket's own at-rest encryption still applies).
    encryption: { algorithm: 'none', reason: 'managed_export' },
    parentBackupId: null,
  };
  const counted = await countExport(deps, root);
  const manifest: Manifest = { ...draft, collections: counted.collections, totals: { ...draft.totals, documents: counted.documents } };
  const check = await verifyManagedBackup(deps.store, root, manifest);
  return commitVerifiedBackup(deps, { params, manifest, check, startedAt });
}

/** Per-collection counts, read from the stored export with our reader. */
async function countExport(deps: EngineDeps, root: string): Promise<{ collections: Manifest['collections']; documents: number }> {
  const collections: Manifest['collections'] = {};
  let documents = 0;
  for await (const doc of readManagedExport(storeExportSource(deps.store, root))) {
    const key = collectionGroupKey(doc.name);
    collections[key] = { documents: (collections[key]?.documents ?? 0) + 1 };
    documents++;
  }
  return { collections, documents };
}
