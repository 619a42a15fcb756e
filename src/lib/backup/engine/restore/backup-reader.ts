/** Streams the documents of a stored backup, either method, in a stable order (so a resumed restore can skip). */
import { EngineError } from '../../errors';
import { readChunk } from '../../format/chunk-reader';
import type { DocumentJson } from '../../format/firestore-value-json';
import { readManagedExport } from '../../format/managed-export';
import { sealedWith, type Manifest } from '../../format/manifest';
import type { BackupStore, KeyWrapper } from '../../ports';
import { storeExportSource } from '../verify/verify-managed-backup';

export async function* readBackupDocuments(opts: { store: BackupStore; root: string; manifest: Manifest; keyWrapper?: KeyWrapper }): AsyncGenerator<DocumentJson> {
  const { manifest, store, root } = opts;
  if (manifest.method === 'managed') {
    yield* readManagedExport(storeExportSource(store, root));
    return;
  }
  let dataKey: Buffer | undefined;
  const sealed = sealedWith(manifest);
  if (sealed) {
    if (!opts.keyWrapper) {
      throw new EngineError('failed_precondition', `backup ${manifest.backupId} is encrypted with key ${sealed.keyId}: set BACKUP_ENCRYPTION_KEY to that key to read it`);
    }
    dataKey = await opts.keyWrapper.unwrap(sealed.wrappedKey, sealed.keyId);
  }
  for (const entry of manifest.files) {
    yield* readChunk(store.read(root + entry.path), { entry, backupId: manifest.backupId, dataKey, keyId: sealed?.keyId });
  }
}
