/**
 * Verifies a managed backup: every export file the manifest lists is re-read and its size and SHA-256 checked, and
 * the export is read end to end with our reader so the per-collection counts are checked too. Collects every finding.
 */
import { createHash } from 'node:crypto';

import { isEngineError } from '../../errors';
import type { Manifest } from '../../format/manifest';
import { collectionGroupKey, readManagedExport } from '../../format/managed-export';
import type { ExportFileSource } from '../../format/managed-export';
import type { VerifyFinding, VerifyResult } from '../../format/verify-logical-backup';
import type { BackupStore } from '../../ports';

/** A managed export inside the store, seen through the reader's file-source contract. */
export function storeExportSource(store: BackupStore, root: string): ExportFileSource {
  return {
    listFiles: async () => {
      const out: string[] = [];
      for await (const o of store.list(root)) if (!o.key.endsWith('/manifest.json')) out.push(o.key.slice(root.length));
      return out;
    },
    openFile: (path) => store.read(root + path),
  };
}

/** SHA-256 and size of a stored object, streamed. */
export async function hashStored(store: BackupStore, key: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of store.read(key)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export async function verifyManagedBackup(store: BackupStore, root: string, manifest: Manifest): Promise<VerifyResult> {
  const findings: VerifyFinding[] = [];
  let bytes = 0;
  for (const file of manifest.files) {
    try {
      const got = await hashStored(store, root + file.path);
      if (got.bytes !== file.bytes) findings.push({ severity: 'error', file: file.path, code: 'size_mismatch', message: `${file.path}: ${got.bytes} bytes stored, manifest says ${file.bytes}` });
      else if (got.sha256 !== file.sha256) findings.push({ severity: 'error', file: file.path, code: 'sha256_mismatch', message: `${file.path}: SHA-256 mismatch` });
      else bytes += got.bytes;
    } catch (err) {
      if (isEngineError(err) && err.retryable) throw err;
      const code = isEngineError(err, 'not_found') ? 'missing_file' : 'unreadable_file';
      findings.push({ severity: 'error', file: file.path, code, message: `${file.path}: ${code === 'missing_file' ? 'missing' : (err as Error).message}` });
    }
  }
  let documents = 0;
  if (findings.length === 0) {
    const counts = new Map<string, number>();
    try {
      for await (const doc of readManagedExport(storeExportSource(store, root))) {
        const key = collectionGroupKey(doc.name);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        documents++;
      }
      for (const key of new Set([...counts.keys(), ...Object.keys(manifest.collections)])) {
        const want = manifest.collections[key]?.documents ?? 0;
        const got = counts.get(key) ?? 0;
        if (want !== got) findings.push({ severity: 'error', code: 'collection_count_mismatch', message: `collection ${key}: export holds ${got} documents, manifest says ${want}` });
      }
    } catch (err) {
      if (isEngineError(err) && err.retryable) throw err;
      const file = (err as { details?: { file?: string } }).details?.file;
      findings.push({ severity: 'error', file, code: 'unreadable_file', message: `reading the export failed: ${(err as Error).message}` });
    }
  }
  return { ok: findings.length === 0, findings, documents, bytes };
}
