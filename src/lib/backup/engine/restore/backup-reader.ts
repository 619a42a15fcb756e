/** Streams the documents of a stored backup, either method, in a stable order (so a resumed restore can skip). */
import { EngineError } from '../../errors';
import { readChunk } from '../../format/chunk-reader';
import type { DocumentJson } from '../../format/firestore-value-json';
import { readManagedExport } from '../../format/managed-export';
import type { Manifest } from '../../format/manifest';
import type { BackupStore, KeyWrapper } from '../../ports';
import { storeExportSource } from '../verify/verify-managed-backup';

export async function* readBackupDocuments(opts: { store: BackupStore; root: string; manifest: Manifest; keyWrapper?: KeyWrapper }): AsyncGenerator<DocumentJson> {
  const { manifest, store, root } = opts;
  if (manifest.method === 'managed') {
    yield* readManagedExport(storeExportSource(store, root));
    return;
  }
  let dataKey: Buffer | undefined;
  if (manifest.encryption) {
    if (!opts.keyWrapper) {
      throw new EngineError('failed_precondition', `backup ${manifest.backupId} is encrypted with key ${manifest.encryption.keyId}: set BACKUP_ENCRYPTION_KEY to that key to read it`);
    }
    dataKey = await opts.keyWrapper.unwrap(manifest.encryption.wrappedKey, manifest.encryption.keyId);
  }
  for (const entry of manifest.files) {
    yield* readChunk(store.read(root + entry.path), { entry, backupId: manifest.backupId, dataKey, keyId: manifest.encryption?.keyId });
  }
}
