/**
 * Logical backup: stream every document in scope at one read time, write gzip NDJSON chunks (sealed with a per-backup
 * data key when encryption is on), verify what was stored, and only then write `manifest.json`.
 *
 * Verification overlaps the read: each chunk is read back from the store and checked as soon as it is stored, while
 * the next chunk is being read (the read waits on Firestore, so the check costs no time on top), one check at a time
 * so memory stays bounded. The verdict is the same `verifyLogicalBackup` gives for the finished manifest.
 */
import { EngineError } from '../../errors';
import { generateDataKey } from '../../format/envelope';
import { writeChunks, type WriteChunksResult, type WriteProgress } from '../../format/chunk-writer';
import type { Manifest } from '../../format/manifest';
import { checkWrappedKey, ChunkVerifier } from '../../format/verify-logical-backup';
import type { DocumentDatabase, KeyWrapper } from '../../ports';
import type { JobContext } from '../jobs/worker';

import { backupRoot, manifestKey, type EngineDeps } from './backup-deps';
import type { BackupParams, BackupResult } from './backup-types';
import type { EncryptionChoice } from './encryption-choice';
import { assertNoManifest, clearPartialFiles, commitVerifiedBackup, deleteQuietly, manifestTimes, throwIfAborted } from './backup-steps';
import { inScope, parseScope, rootCollectionsOf, type Scope } from './scope';

/** The stream, checking for cancellation every 500 documents (the stream itself filters by scope). */
async function* abortable<T>(docs: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  let n = 0;
  for await (const doc of docs) {
    if (++n % 500 === 0) throwIfAborted(signal);
    yield doc;
  }
}

/** A fresh data key wrapped by the configured key, or the manifest's record of why there is none. */
async function prepareEncryption(choice: EncryptionChoice, keyWrapper: KeyWrapper | undefined): Promise<{ dataKey?: Buffer; section: NonNullable<Manifest['encryption']> }> {
  if (!choice.encrypt) return { section: { algorithm: 'none', reason: choice.reason } };
  if (keyWrapper === undefined) throw new EngineError('failed_precondition', 'encryption was chosen but no key is configured: set BACKUP_ENCRYPTION_KEY');
  const dataKey = generateDataKey();
  return { dataKey, section: { algorithm: 'AES-256-GCM', keyId: keyWrapper.keyId, wrappedKey: await keyWrapper.wrap(dataKey), keyWrapper: 'env' } };
}

export interface LogicalBackupOptions {
  /** Decided by `chooseEncryption` against this worker's configuration. */
  encryption: EncryptionChoice;
  /** Documents the last verified backup of the same scope had: the progress total until (unless) a COUNT is cheap. */
  expectedDocuments?: number;
}

/**
 * The progress total and ETA. The total only feeds progress and the ETA, so it must not slow the read: a server-side
 * COUNT runs beside it; where a COUNT would be a scan on our own machine (the emulator: measured ~1 s of CPU per 100k
 * documents, taken from the read), the previous backup's count stands in as an estimate.
 */
function trackProgress(
  source: DocumentDatabase,
  ctx: Pick<JobContext, 'progress'>,
  count: { rootCollections?: string[]; readTime: Date; expectedDocuments?: number },
): { start(): (p: WriteProgress) => void } {
  let total = count.expectedDocuments;
  let estimated = total !== undefined;
  ctx.progress({ phase: 'reading', ...(total === undefined ? {} : { documentsTotal: total }) });
  if (source.serverSideCounts || total === undefined) {
    void source.countDocuments({ rootCollections: count.rootCollections, readTime: count.readTime }).then(
      (n) => {
        total = n;
        estimated = false;
        ctx.progress({ documentsTotal: n });
      },
      () => undefined,
    );
  }
  /** Called as the read starts; the rate is measured from then. */
  const start = (): ((p: WriteProgress) => void) => {
    const t0 = Date.now();
    return (p) => {
      if (estimated && total !== undefined && p.documents > total) {
        // The database grew past the last backup's count: no total is better than a wrong one.
        total = undefined;
        ctx.progress({ documentsTotal: null });
      }
      const rate = p.documents / Math.max(0.001, (Date.now() - t0) / 1000);
      const eta = total !== undefined && rate > 0 ? Math.max(0, (total - p.documents) / rate) : null;
      ctx.progress({ documents: p.documents, bytes: p.bytes, etaSeconds: eta });
    };
  };
  return { start };
}

/** The manifest of a logical backup whose chunks are all written. */
function logicalManifest(
  deps: EngineDeps,
  params: BackupParams,
  run: { startedAt: Date; readTime: Date; scope: Scope; chunks: WriteChunksResult; encryption: NonNullable<Manifest['encryption']> },
): Manifest {
  return {
    format: 1,
    tool: deps.tool,
    backupId: params.backupId,
    method: 'logical',
    source: params.database,
    ...manifestTimes({ startedAt: run.startedAt, snapshotAt: run.readTime, finishedAt: deps.clock.now() }),
    scope: { include: run.scope.include, exclude: run.scope.exclude },
    collections: run.chunks.collections,
    totals: run.chunks.totals,
    files: run.chunks.files,
    compression: 'gzip',
    encryption: run.encryption,
    parentBackupId: null,
  };
}

export async function runLogicalBackup(
  deps: EngineDeps,
  params: BackupParams,
  ctx: Pick<JobContext, 'progress' | 'signal' | 'verifying'>,
  opts: LogicalBackupOptions,
): Promise<BackupResult> {
  const startedAt = deps.clock.now();
  const root = backupRoot(params.database, params.backupId);
  await assertNoManifest(deps.store, manifestKey(params.database, params.backupId));
  await clearPartialFiles(deps.store, root);
  const source = deps.databases.open(params.database);
  const readTime = new Date(await source.snapshotTime());
  const scope = parseScope(params);
  const rootCollections = rootCollectionsOf(scope);
  const progress = trackProgress(source, ctx, { rootCollections, readTime, expectedDocuments: opts.expectedDocuments });

  const { dataKey, section } = await prepareEncryption(opts.encryption, deps.keyWrapper);
  const written: string[] = [];
  // Names only: the chunks' SHA-256 were computed here while writing them, so the bytes read back are known to be
  // the writer's own output; the size, hash, decryption, gzip, counts and names are all checked.
  const verifier = new ChunkVerifier({ backupId: params.backupId, open: (path) => deps.store.read(root + path), dataKey, keyId: deps.keyWrapper?.keyId, namesOnly: true });
  let checks: Promise<void> = Promise.resolve();
  try {
    const docs = source.streamDocumentLines({ readTime, rootCollections, filter: (path) => inScope(scope, path), partitions: source.readStreams, signal: ctx.signal });
    const chunks = await writeChunks(abortable(docs, ctx.signal), {
      backupId: params.backupId,
      sink: async (path, bytes) => {
        written.push(root + path);
        return deps.store.put(root + path, bytes, { contentType: 'application/octet-stream' });
      },
      encryption: dataKey ? { dataKey } : undefined,
      onChunk: (entry) => {
        checks = checks.then(() => verifier.check(entry));
        // Rejections surface where `checks` is awaited below; this keeps an early one from counting as unhandled.
        checks.catch(() => undefined);
      },
      onProgress: progress.start(),
    });
    const manifest = logicalManifest(deps, params, { startedAt, readTime, scope, chunks, encryption: section });
    // The job's move to `verifying` (a transaction) runs beside the check of the last chunk.
    await Promise.all([ctx.verifying(), checks]);
    const check = verifier.finish(manifest, await checkWrappedKey(manifest, deps.keyWrapper, dataKey));
    return await commitVerifiedBackup(deps, { params, manifest, check, startedAt });
  } catch (err) {
    await checks.catch(() => undefined);
    // No manifest was written, so nothing here is a backup; remove the chunks so they cost nothing.
    await deleteQuietly(deps.store, written);
    throw err;
  }
}
