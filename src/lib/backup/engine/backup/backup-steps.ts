/** Steps both backup methods share: write-once manifest, cleanup, cancellation checks. */
import { parseManifestText, serializeManifest, type Manifest } from '../../format/manifest';
import type { VerifyResult } from '../../format/verify-logical-backup';
import { EngineError } from '../../errors';
import type { BackupStore } from '../../ports';

import { manifestKey, type EngineDeps } from './backup-deps';
import { backupResultFromManifest, type BackupParams, type BackupResult } from './backup-types';

/** A backup id is used once: an existing manifest means the backup already exists. */
export async function assertNoManifest(store: BackupStore, key: string): Promise<void> {
  if (await store.stat(key)) throw new EngineError('already_exists', `a backup already exists at ${key}`, { details: { key } });
}

/** Writes the manifest (last), reads it back and parses it: a manifest that cannot be read back is not committed. */
export async function commitManifest(store: BackupStore, key: string, text: string): Promise<void> {
  await store.put(key, Buffer.from(text, 'utf8'), { contentType: 'application/json' });
  const back = (await store.get(key)).toString('utf8');
  if (back !== text) {
    await store.delete(key);
    throw new EngineError('integrity', `manifest ${key} read back differently from what was written`);
  }
  parseManifestText(back);
}

/**
 * Removes what an interrupted attempt left in the backup's folder. Safe only because the manifest is absent: without
 * it nothing in the folder is a backup (write-once keys would otherwise make the retry fail on its first chunk).
 */
export async function clearPartialFiles(store: BackupStore, root: string): Promise<number> {
  const keys: string[] = [];
  for await (const o of store.list(root)) keys.push(o.key);
  if (keys.some((k) => k === `${root}manifest.json`)) throw new EngineError('already_exists', `a backup already exists at ${root}`);
  await Promise.all(keys.map((k) => store.delete(k)));
  return keys.length;
}

/** Best-effort removal of partial files (a failed cleanup only leaves unreferenced files, never a false backup). */
export async function deleteQuietly(store: BackupStore, keys: string[]): Promise<void> {
  for (const key of keys) await store.delete(key).catch(() => undefined);
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new EngineError('cancelled', 'the job was cancelled');
}

/** The manifest fields that record when a backup ran (both methods). */
export function manifestTimes(t: { startedAt: Date; snapshotAt: Date; finishedAt: Date }): Pick<Manifest, 'snapshotTime' | 'createdAt' | 'completedAt' | 'timings'> {
  return {
    snapshotTime: t.snapshotAt.toISOString(),
    createdAt: t.startedAt.toISOString(),
    completedAt: t.finishedAt.toISOString(),
    timings: {
      startedAt: t.startedAt.toISOString(),
      snapshotAt: t.snapshotAt.toISOString(),
      finishedAt: t.finishedAt.toISOString(),
      durationMs: t.finishedAt.getTime() - t.startedAt.getTime(),
    },
  };
}

/**
 * The end of every backup: refuse it unless verification passed, then write the manifest (last) and return the
 * catalog entry. Complete means verified.
 */
export async function commitVerifiedBackup(
  deps: EngineDeps,
  input: { params: BackupParams; manifest: Manifest; check: VerifyResult; startedAt: Date },
): Promise<BackupResult> {
  const { params, manifest, check } = input;
  if (!check.ok) {
    throw new EngineError('integrity', `backup ${params.backupId} failed verification: ${check.findings.map((f) => f.message).join('; ')}`, {
      details: { findings: check.findings },
    });
  }
  const auditHead = await currentAuditHead(deps);
  await commitManifest(deps.store, manifestKey(params.database, params.backupId), serializeManifest(auditHead ? { ...manifest, auditHead } : manifest));
  const done = deps.clock.now();
  return backupResultFromManifest(manifest, { storeUrl: deps.store.url, verified: true, verifiedAt: done, durationMs: done.getTime() - input.startedAt.getTime(), trigger: params.trigger });
}

/**
 * The audit head to record in the manifest (and anchored in the bucket). Best effort: a trail that cannot be read now
 * must not fail a verified backup; the manifest is then written without it.
 */
async function currentAuditHead(deps: EngineDeps): Promise<Manifest['auditHead']> {
  const head = await deps.auditAnchor?.().catch(() => undefined);
  if (head === undefined || head.seq === 0) return undefined;
  return head.chain === undefined ? { seq: head.seq, hash: head.hash } : { seq: head.seq, hash: head.hash, chain: head.chain };
}
