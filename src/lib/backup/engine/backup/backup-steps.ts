/** Steps both backup methods share: write-once manifest, cleanup, cancellation checks. */
import { parseManifestText } from '../../format/manifest';
import { EngineError } from '../../errors';
import type { BackupStore } from '../../ports';

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
