/**
 * Reindex: rebuild the catalog from the bucket, the source of truth (docs/design.md: "the catalog in Firestore is an index
 * of the bucket"). Every `<project>/<database>/<backupId>/manifest.json` is read and parsed; a backup the catalog
 * lacks gets a succeeded backup job whose result is built from its manifest.
 *
 * `verified` on a recreated entry: by default every file the manifest lists must exist with its recorded size (one
 * stat per file: cheap, and catches the common damage — a half-deleted or truncated folder). `full` re-reads and
 * hashes every byte like `verify` does. An entry that fails its check is still recorded, with `verified: false`, so
 * it shows up as broken instead of vanishing; restores refuse it.
 */
import { isEngineError } from '../../errors';
import { parseManifestText, sealedWith, type Manifest } from '../../format/manifest';
import { verifyLogicalBackup } from '../../format/verify-logical-backup';
import type { DatabaseRef } from '../../ports';
import { backupRoot } from '../backup/backup-deps';
import { backupResultFromManifest, type BackupParams, type BackupResult } from '../backup/backup-types';
import { newJob, type Job } from '../jobs/job';
import { verifyManagedBackup } from '../verify/verify-managed-backup';

import { readCatalog, type OpsActor, type OpsDeps } from './catalog';

export type ReindexVerify = 'files' | 'full';

export interface ReindexOptions {
  actor: OpsActor;
  verify?: ReindexVerify;
  /** Only manifests under this project (and database). Default: everything in the store. */
  only?: { projectId: string; databaseId?: string };
}

export interface ReindexReport {
  manifests: number;
  /** Backups added to the catalog. */
  found: { backupId: string; jobId: string; verified: boolean; documents: number; bytes: number; problem?: string }[];
  /** Backups the catalog already had. */
  known: string[];
  unreadable: { key: string; reason: string }[];
}

const MANIFEST_KEY = /^([^/]+)\/([^/]+)\/([^/]+)\/manifest\.json$/;

/** Scans the store for manifests and (re)creates missing catalog entries; see the module comment. */
export async function reindexCatalog(deps: OpsDeps, opts: ReindexOptions): Promise<ReindexReport> {
  const prefix = opts.only ? `${opts.only.projectId}/${opts.only.databaseId ? `${opts.only.databaseId}/` : ''}` : '';
  const known = new Set((await readCatalog(deps.jobStore)).map((e) => e.backupId));
  const report: ReindexReport = { manifests: 0, found: [], known: [], unreadable: [] };
  for await (const o of deps.store.list(prefix)) {
    const m = MANIFEST_KEY.exec(o.key);
    if (m === null) continue;
    report.manifests++;
    const [, projectId = '', databaseId = '', backupId = ''] = m;
    if (known.has(backupId)) {
      report.known.push(backupId);
      continue;
    }
    const manifest = await readManifestAt(deps, o.key, { projectId, databaseId }, backupId).catch((err: unknown) => {
      report.unreadable.push({ key: o.key, reason: err instanceof Error ? err.message : String(err) });
      return undefined;
    });
    if (manifest === undefined) continue;
    const problem = await checkFiles(deps, manifest, opts.verify ?? 'files');
    const job = catalogJob(deps, manifest, problem === undefined);
    const created = await deps.jobStore.create(job).then(() => true, (err: unknown) => {
      if (isEngineError(err, 'already_exists')) return false;
      throw err;
    });
    if (!created) {
      report.known.push(backupId);
      continue;
    }
    known.add(backupId);
    report.found.push({ backupId, jobId: job.id, verified: problem === undefined, documents: manifest.totals.documents, bytes: manifest.totals.bytes, ...(problem ? { problem } : {}) });
  }
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: opts.actor,
    action: 'catalog.reindex',
    params: { manifests: report.manifests, found: report.found.map((f) => f.backupId), known: report.known.length, unreadable: report.unreadable.length },
    outcome: 'ok',
  });
  return report;
}

async function readManifestAt(deps: OpsDeps, key: string, db: DatabaseRef, backupId: string): Promise<Manifest> {
  const manifest = parseManifestText((await deps.store.get(key)).toString('utf8'));
  if (manifest.backupId !== backupId) throw new Error(`manifest backupId ${manifest.backupId} does not match its folder ${backupId}`);
  if (manifest.source.projectId !== db.projectId || manifest.source.databaseId !== db.databaseId) {
    throw new Error(`manifest source ${manifest.source.projectId}/${manifest.source.databaseId} does not match its folder ${db.projectId}/${db.databaseId}`);
  }
  return manifest;
}

/** Undefined when the backup's files pass the check, else what is wrong. */
async function checkFiles(deps: OpsDeps, manifest: Manifest, mode: ReindexVerify): Promise<string | undefined> {
  const store = deps.store;
  const root = backupRoot(manifest.source, manifest.backupId);
  if (mode === 'full') {
    const result = manifest.method === 'logical'
      ? await verifyLogicalBackup(manifest, (path) => store.read(root + path), deps.keyWrapper)
      : await verifyManagedBackup(store, root, manifest);
    return result.ok ? undefined : result.findings.map((f) => f.message).join('; ');
  }
  for (const f of manifest.files) {
    const stat = await store.stat(root + f.path);
    if (stat === undefined) return `${f.path} is missing`;
    if (stat.size !== f.bytes) return `${f.path} has ${stat.size} bytes, the manifest says ${f.bytes}`;
  }
  return undefined;
}

/** A succeeded backup job whose result is the catalog entry the manifest describes. */
function catalogJob(deps: OpsDeps, manifest: Manifest, verified: boolean): Job {
  const store = deps.store;
  const params: BackupParams = {
    backupId: manifest.backupId,
    method: manifest.method,
    database: manifest.source,
    include: manifest.scope.include,
    exclude: manifest.scope.exclude,
    encrypt: sealedWith(manifest) !== null,
    trigger: 'reindex',
  };
  const result: BackupResult = backupResultFromManifest(manifest, {
    storeUrl: store.url,
    verified,
    verifiedAt: deps.clock.now(),
    durationMs: manifest.timings.durationMs,
    trigger: 'reindex',
  });
  const job = newJob({ id: `backup-${manifest.backupId}`, kind: 'backup', params }, new Date(manifest.createdAt));
  return { ...job, state: 'succeeded', startedAt: manifest.timings.startedAt, finishedAt: manifest.completedAt, updatedAt: deps.clock.now().toISOString(), attempts: 1, result };
}
