/**
 * Restore: diff the backup's selected documents against the target, write what the mode asks for in checkpointed
 * segments (a resumed job skips the segments already written; every write is idempotent), delete extras in mirror
 * mode, and verify the target against the backup: segment by segment while writing (segment-verifier.ts), or for
 * mirror restores and server-side imports by reading the whole scope back afterwards. A dry run stops after the diff.
 */
import { controlRootOf, isControlCollection } from '../../control-collections';
import type { DocumentJson } from '../../format/firestore-value-json';
import { rewriteReferences } from '../../format/references';
import { collectionGroupKey } from '../../format/managed-export';
import { parseManifestText, type Manifest } from '../../format/manifest';
import { EngineError } from '../../errors';
import type { DocumentDatabase, WriteMode } from '../../ports';
import { backupRoot, type EngineDeps } from '../backup/backup-deps';
import { throwIfAborted } from '../backup/backup-steps';
import { pollOperation } from '../jobs/poll-operation';
import type { JobContext } from '../jobs/worker';

import { readBackupDocuments } from './backup-reader';
import { contentHash } from './content-hash';
import type { CollectionDiff, RestoreParams, RestoreResult } from './restore-types';
import { isSelected, parseSelection, selectionRoots, type Selection } from './selection';
import { SegmentVerifier } from './segment-verifier';
import { verifyRestore } from './verify-restore';

/** Documents written per checkpoint. */
const SEGMENT = 2_000;
const EXAMPLES = 5;

export interface RestoreHooks {
  /** Takes the rollback point of a production restore; returns its backup id. */
  safetyBackup(): Promise<string>;
}

type Kind = 'created' | 'changed' | 'deleted' | 'unchanged';

class DiffCounter {
  readonly byCollection: Record<string, CollectionDiff> = {};

  add(kind: Kind, path: string): void {
    const key = collectionGroupKey(path);
    const c = (this.byCollection[key] ??= { created: 0, changed: 0, deleted: 0, unchanged: 0, examples: { created: [], changed: [], deleted: [] } });
    c[kind] += 1;
    if (kind !== 'unchanged' && c.examples[kind].length < EXAMPLES) c.examples[kind].push(path);
  }

  totals(): RestoreResult['totals'] {
    const t = { created: 0, changed: 0, deleted: 0, unchanged: 0 };
    for (const c of Object.values(this.byCollection)) for (const k of ['created', 'changed', 'deleted', 'unchanged'] as const) t[k] += c[k];
    return t;
  }
}

/** The backup's selected documents, with references moved to the target unless asked to keep them. */
export async function* selectedBackupDocuments(deps: EngineDeps, params: RestoreParams, selection: Selection, known?: Manifest): AsyncGenerator<DocumentJson> {
  const manifest = known ?? (await readManifestOf(deps, params));
  const root = backupRoot(params.source, params.backupId);
  const rewrite = !params.keepReferences;
  for await (const doc of readBackupDocuments({ store: deps.store, root, manifest, keyWrapper: deps.keyWrapper })) {
    if (!isSelected(selection, doc.name)) continue;
    yield rewrite ? { ...doc, fields: rewriteReferences(doc.fields, params.source, params.targetDatabase) } : doc;
  }
}

async function readManifestOf(deps: EngineDeps, params: RestoreParams): Promise<Manifest> {
  const key = `${backupRoot(params.source, params.backupId)}manifest.json`;
  if (!(await deps.store.stat(key))) throw new EngineError('not_found', `backup ${params.backupId} has no manifest at ${key}: it is incomplete or does not exist`);
  return parseManifestText((await deps.store.get(key)).toString('utf8'));
}

/** path → content hash of the target's documents in scope, read once (≈100 bytes per document). */
async function indexTarget(target: DocumentDatabase, selection: Selection, signal: AbortSignal): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  for await (const doc of target.streamDocuments({ rootCollections: selectionRoots(selection), filter: (p) => isSelected(selection, p), signal })) {
    index.set(doc.name, contentHash(doc.fields));
  }
  return index;
}

function classify(params: RestoreParams, existing: string | undefined, hash: string): { kind: Kind; write: boolean } {
  if (existing === undefined) return { kind: 'created', write: true };
  if (existing === hash) return { kind: 'unchanged', write: false };
  // skip-existing leaves existing documents alone, whatever their content.
  if (params.mode === 'skip-existing') return { kind: 'unchanged', write: false };
  return { kind: 'changed', write: true };
}

function writeModeOf(params: RestoreParams): WriteMode {
  return params.mode === 'merge' ? 'merge' : params.mode === 'skip-existing' ? 'skip-existing' : 'overwrite';
}

/**
 * Google's `importDocuments` restores every collection of the export unless given collection ids (which match at any
 * depth). A whole backup that holds control collections (a managed export of the database they live in) therefore
 * names all its other ids; undefined = import everything; null = it cannot be said that way (nothing else, or a
 * subcollection shares a control collection's id), so the restore writes documents itself.
 */
export function wholeImportIds(manifest: Manifest): string[] | undefined | null {
  const keys = Object.keys(manifest.collections);
  if (!keys.some((k) => controlRootOf(k) !== undefined)) return undefined;
  const idOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
  if (keys.some((k) => k.includes('/') && isControlCollection(idOf(k)))) return null;
  const ids = [...new Set(keys.map(idOf))].filter((id) => !isControlCollection(id)).sort();
  return ids.length > 0 ? ids : null;
}

/**
 * Google's `importDocuments` restores a managed backup server-side — the scale-out path — when the backend has it,
 * the whole backup or whole collection ids are restored in overwrite mode (what import does), and references need
 * no rewriting (import keeps them as exported). Returns the collection ids to import (undefined = all), or null
 * when the restore writes documents itself.
 */
function managedImportPlan(deps: EngineDeps, params: RestoreParams, manifest: Manifest, selection: Selection): { collectionIds?: string[] } | null {
  const sameDatabase = params.source.projectId === params.targetDatabase.projectId && params.source.databaseId === params.targetDatabase.databaseId;
  const usable =
    manifest.method === 'managed' &&
    deps.exports.startImport !== undefined &&
    !params.dryRun &&
    params.mode === 'overwrite' &&
    selection.patterns.every((p) => /^[^/*]+$/.test(p)) &&
    (params.keepReferences || sameDatabase);
  if (!usable) return null;
  if (selection.patterns.length > 0) return { collectionIds: selection.patterns };
  const ids = wholeImportIds(manifest);
  return ids === null ? null : { collectionIds: ids };
}

/** Starts (or, after a restart, resumes polling) the import; returns the documents Google reports as imported. */
async function runManagedImport(deps: EngineDeps, params: RestoreParams, plan: { collectionIds?: string[] }, ctx: JobContext): Promise<number> {
  const { startImport, checkImport } = deps.exports;
  if (!startImport || !checkImport) throw new EngineError('internal', 'the export service has no import');
  const saved = ctx.job.checkpoint?.importOperation;
  const operationName = typeof saved === 'string' ? saved : (
    await startImport({ ...params.targetDatabase, storePrefix: backupRoot(params.source, params.backupId), collectionIds: plan.collectionIds })
  ).operationName;
  await ctx.checkpoint({ ...(ctx.job.checkpoint ?? {}), importOperation: operationName });
  ctx.progress({ phase: 'importing' });
  const status = await pollOperation({
    name: `import ${operationName}`,
    check: async () => {
      const s = await checkImport(operationName);
      return s.done ? { done: true, value: s } : { done: false, progress: s.progress };
    },
    onProgress: (p) => ctx.progress({ phase: 'importing', documents: p?.documents ?? 0 }),
    clock: deps.clock,
    signal: ctx.signal,
  });
  if (status.error) throw new EngineError('failed_precondition', `import ${operationName} failed: ${status.error.message}`, { details: { operationName } });
  return status.progress?.documents ?? 0;
}

/** What the restore will do, decided before anything is written. */
interface RestorePlan {
  selection: Selection;
  target: DocumentDatabase;
  manifest: Manifest;
  /** Collection ids for Google's import, or null when the restore writes documents itself. */
  importPlan: { collectionIds?: string[] } | null;
  /** The job's checkpoint when this attempt started. */
  checkpoint: Record<string, unknown>;
  safetyBackupId: string | null;
  /** path → content hash of the target's documents in scope; the write pass removes the backup's, leaving extras. */
  index: Map<string, string>;
  /** Documents an earlier attempt already wrote (checkpoint). */
  done: number;
}

/** What the write pass (or the import) and the mirror deletes did. */
interface Applied {
  diff: DiffCounter;
  written: number;
  deleted: number;
  /** Verifies segment by segment while writing; undefined when the target is read back as a whole afterwards. */
  verifier?: SegmentVerifier;
  /** The backup's content hashes, for a whole-scope verification that need not decode the backup again. */
  backupHashes?: Map<string, string>;
}

/** Plan: the manifest, the import decision, the safety backup of a production restore (once), the target's index. */
async function planRestore(deps: EngineDeps, params: RestoreParams, ctx: JobContext, hooks: RestoreHooks): Promise<RestorePlan> {
  const selection = parseSelection(params.only);
  const target = deps.databases.open(params.targetDatabase);
  const manifest = await readManifestOf(deps, params);
  const importPlan = managedImportPlan(deps, params, manifest, selection);
  const checkpoint = ctx.job.checkpoint ?? {};
  let safetyBackupId = typeof checkpoint.safetyBackupId === 'string' ? checkpoint.safetyBackupId : null;
  if (params.production && !params.dryRun && safetyBackupId === null) {
    ctx.progress({ phase: 'safety backup' });
    safetyBackupId = await hooks.safetyBackup();
    await ctx.checkpoint({ ...checkpoint, safetyBackupId });
  }
  ctx.progress({ phase: 'reading target' });
  const index = await indexTarget(target, selection, ctx.signal);
  const done = typeof checkpoint.docsDone === 'number' ? checkpoint.docsDone : 0;
  return { selection, target, manifest, importPlan, checkpoint, safetyBackupId, index, done };
}

/**
 * The write pass: diffs every selected backup document against the index and writes the ones the mode asks for in
 * checkpointed segments (a dry run or an import only diffs). A resumed job skips the segments already written.
 */
async function writeBackupDocuments(deps: EngineDeps, params: RestoreParams, ctx: JobContext, plan: RestorePlan): Promise<Omit<Applied, 'deleted'>> {
  const { target, index } = plan;
  const writes = !params.dryRun && plan.importPlan === null;
  const diff = new DiffCounter();
  let seen = 0;
  let written = 0;
  let segment: DocumentJson[] = [];
  const mode = params.mode;
  const verifier = !writes || mode === 'mirror' ? undefined : new SegmentVerifier({ target, mode, signal: ctx.signal });
  // Segments are written one at a time: measured on the emulator, writing the next segment while the previous one is
  // still in flight (8 batches instead of 4) made a 100k restore 40 % slower. The read-back of segment k overlaps the
  // writes of segment k+1.
  const flush = async (): Promise<void> => {
    if (writes && segment.length > 0) written += (await target.writeDocuments(segment, { mode: writeModeOf(params), throttle: params.production, signal: ctx.signal })).written;
    segment = [];
    if (!params.dryRun) await ctx.checkpoint({ ...plan.checkpoint, safetyBackupId: plan.safetyBackupId, docsDone: seen });
    await verifier?.segmentWritten();
    ctx.progress({ phase: params.dryRun ? 'diffing' : 'writing', documents: seen });
  };
  ctx.progress({ phase: params.dryRun ? 'diffing' : 'writing' });
  // For a whole-scope verification afterwards: the backup's content hashes, so it need not decode the backup a second
  // time (merge mode compares fields, not hashes, and re-reads).
  const backupHashes = verifier !== undefined || params.dryRun || mode === 'merge' ? undefined : new Map<string, string>();
  try {
    for await (const doc of selectedBackupDocuments(deps, params, plan.selection, plan.manifest)) {
      seen += 1;
      const existing = index.get(doc.name);
      // Hashed only when something compares with the hash: most restores go into an empty or disjoint target.
      const hash = existing !== undefined || backupHashes !== undefined ? contentHash(doc.fields) : '';
      backupHashes?.set(doc.name, hash);
      verifier?.add(doc);
      const { kind, write } = classify(params, existing, hash);
      index.delete(doc.name);
      diff.add(kind, doc.name);
      if (seen <= plan.done) continue; // written by an earlier attempt (checkpoint)
      if (write) segment.push(doc);
      if (seen % SEGMENT === 0) {
        throwIfAborted(ctx.signal);
        await flush();
      }
    }
    await flush();
  } catch (err) {
    await verifier?.settle(); // no read-back left running against a target the job is giving up on
    throw err;
  }
  return { diff, written, verifier, backupHashes };
}

/** Apply: the write pass, then Google's import when planned, then (mirror mode) the deletion of the target's extras. */
async function applyRestore(deps: EngineDeps, params: RestoreParams, ctx: JobContext, plan: RestorePlan): Promise<Applied> {
  const pass = await writeBackupDocuments(deps, params, ctx, plan);
  const written = plan.importPlan !== null ? await runManagedImport(deps, params, plan.importPlan, ctx) : pass.written;
  const extras = [...plan.index.keys()];
  let deleted = 0;
  if (params.mode === 'mirror') {
    for (const path of extras) pass.diff.add('deleted', path);
    if (!params.dryRun && extras.length > 0) deleted = (await plan.target.deleteDocuments(extras, { throttle: params.production, signal: ctx.signal })).written;
  }
  return { ...pass, written, deleted };
}

/** Verify: the target against the backup (segment checks, or a whole-scope read-back); a mismatch fails the restore. */
async function verifyRestored(deps: EngineDeps, params: RestoreParams, ctx: JobContext, plan: RestorePlan, applied: Applied): Promise<RestoreResult['verification']> {
  if (params.dryRun) return null;
  await ctx.verifying();
  const { target, selection, manifest } = plan;
  const verification = applied.verifier
    ? await applied.verifier.finish()
    : await verifyRestore({ target, params, selection, backupHashes: applied.backupHashes, backupDocs: () => selectedBackupDocuments(deps, params, selection, manifest), signal: ctx.signal });
  if (!verification.ok) {
    throw new EngineError('integrity', `restore ${params.restoreId} wrote the target but it does not match the backup: ${verification.problems.slice(0, 5).join('; ')}`, {
      details: { verification },
    });
  }
  return verification;
}

/** Runs a restore as plan → apply → verify. */
export async function runRestore(deps: EngineDeps, params: RestoreParams, ctx: JobContext, hooks: RestoreHooks): Promise<RestoreResult> {
  const t0 = deps.clock.now().getTime();
  const plan = await planRestore(deps, params, ctx, hooks);
  const applied = await applyRestore(deps, params, ctx, plan);
  const verification = await verifyRestored(deps, params, ctx, plan, applied);
  return {
    restoreId: params.restoreId,
    backupId: params.backupId,
    target: params.target,
    targetDatabase: params.targetDatabase,
    mode: params.mode,
    dryRun: params.dryRun,
    diff: applied.diff.byCollection,
    totals: applied.diff.totals(),
    written: applied.written,
    deleted: applied.deleted,
    verified: params.dryRun ? null : true,
    verification,
    safetyBackupId: plan.safetyBackupId,
    via: plan.importPlan !== null ? 'importDocuments' : 'writes',
    durationMs: deps.clock.now().getTime() - t0,
  };
}
