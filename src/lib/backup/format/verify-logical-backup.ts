/**
 * Verifies a stored logical backup against its manifest and reports EVERY problem found, like restic's checker:
 * one flipped byte must not hide a missing chunk behind it. Checks, in order:
 * 1. the manifest agrees with itself (totals are the sums of chunks and collections, chunk names match the declared
 *    compression and encryption);
 * 2. the data key unwraps with the configured key;
 * 3. every chunk: present, size, SHA-256, decryption, gzip, every line a document, counts and first/last names
 *    (chunk-reader.ts);
 * 4. documents per collection-group key, recounted from the chunks, equal the manifest's `collections`.
 *
 * A transient storage failure (a retryable EngineError) is thrown rather than reported: it says nothing about the
 * backup, and the caller's job should retry instead of marking a good backup as damaged.
 */
import { isEngineError } from '../errors';
import type { KeyWrapper } from '../ports';
import { readChunk, type ChunkCheck } from './chunk-reader';
import { checkManifestConsistency, collectionGroupKey, type Manifest, type ManifestFileEntry } from './manifest';

/** Opens a stored file of the backup by its path relative to the backup root (e.g. `BackupStore.get` or `.read`). */
export type OpenFile = (path: string) => Promise<Buffer> | AsyncIterable<Buffer>;

export type VerifyFindingCode =
  | 'not_logical'
  | 'manifest_inconsistent'
  | 'key_unavailable'
  | 'wrong_key'
  | 'missing_file'
  | 'unreadable_file'
  | 'size_mismatch'
  | 'sha256_mismatch'
  | 'decrypt_failed'
  | 'gzip_corrupt'
  | 'bad_line'
  | 'count_mismatch'
  | 'name_mismatch'
  | 'collection_count_mismatch'
  | 'collections_not_checked';

export interface VerifyFinding {
  severity: 'error' | 'warning';
  /** The file at fault, relative to the backup root (`manifest.json` for manifest problems). */
  file?: string;
  code: VerifyFindingCode;
  message: string;
}

export interface VerifyResult {
  /** True when there is no `error` finding. */
  ok: boolean;
  findings: VerifyFinding[];
  /** Documents in the chunks that verified completely. */
  documents: number;
  /** Stored bytes of the chunks that verified completely. */
  bytes: number;
}

const CODE_OF_CHECK: Record<ChunkCheck, VerifyFindingCode> = {
  size: 'size_mismatch',
  sha256: 'sha256_mismatch',
  key: 'key_unavailable',
  decrypt: 'decrypt_failed',
  gzip: 'gzip_corrupt',
  line: 'bad_line',
  count: 'count_mismatch',
  names: 'name_mismatch',
};

/** Verifies the backup described by `manifest`, reading its chunks through `open`. Never throws for damage. */
export async function verifyLogicalBackup(manifest: Manifest, open: OpenFile, keyWrapper?: KeyWrapper): Promise<VerifyResult> {
  const findings: VerifyFinding[] = [];
  const error = (code: VerifyFindingCode, message: string, file?: string) => findings.push({ severity: 'error', code, message, file });
  if (manifest.method !== 'logical') {
    error('not_logical', `backup ${manifest.backupId} is a ${manifest.method} backup: this check reads logical chunks only`, 'manifest.json');
    return { ok: false, findings, documents: 0, bytes: 0 };
  }
  for (const p of checkManifestConsistency(manifest)) error('manifest_inconsistent', `manifest ${p.field}: ${p.message}`, 'manifest.json');
  const dataKey = await unwrapDataKey(manifest, keyWrapper, error);
  const counts = new Map<string, number>();
  let documents = 0;
  let bytes = 0;
  let allRead = true;
  for (const entry of manifest.files) {
    const finding = await verifyChunk(entry, { manifest, open, dataKey, counts });
    if (finding === undefined) {
      documents += entry.documents ?? 0;
      bytes += entry.bytes;
    } else {
      allRead = false;
      // Without a data key every encrypted chunk fails the same way; the key finding already says so.
      if (!(finding.code === 'key_unavailable' && dataKey === undefined)) findings.push(finding);
    }
  }
  if (allRead) compareCollections(manifest, counts, error);
  else {
    findings.push({
      severity: 'warning',
      code: 'collections_not_checked',
      message: 'per-collection counts were not compared because some chunks could not be read',
    });
  }
  return { ok: findings.every((f) => f.severity !== 'error'), findings, documents, bytes };
}

type AddError = (code: VerifyFindingCode, message: string, file?: string) => void;

async function unwrapDataKey(manifest: Manifest, keyWrapper: KeyWrapper | undefined, error: AddError): Promise<Buffer | undefined> {
  const { encryption } = manifest;
  if (encryption === null) return undefined;
  if (keyWrapper === undefined) {
    error('key_unavailable', `the backup is encrypted with key id ${encryption.keyId} and no key is configured`, 'manifest.json');
    return undefined;
  }
  try {
    return await keyWrapper.unwrap(encryption.wrappedKey, encryption.keyId);
  } catch (err) {
    if (isEngineError(err) && err.retryable) throw err;
    const message = err instanceof Error ? err.message : String(err);
    error(isEngineError(err, 'integrity') ? 'wrong_key' : 'key_unavailable', message, 'manifest.json');
    return undefined;
  }
}

interface ChunkContext {
  manifest: Manifest;
  open: OpenFile;
  dataKey: Buffer | undefined;
  counts: Map<string, number>;
}

/** Reads one chunk to the end; the finding for its first problem, or undefined when it verified. */
async function verifyChunk(entry: ManifestFileEntry, ctx: ChunkContext): Promise<VerifyFinding | undefined> {
  const local = new Map<string, number>();
  try {
    const bytes = await ctx.open(entry.path);
    const docs = readChunk(bytes, { entry, backupId: ctx.manifest.backupId, dataKey: ctx.dataKey, keyId: ctx.manifest.encryption?.keyId });
    for await (const doc of docs) {
      const key = collectionGroupKey(doc.name);
      local.set(key, (local.get(key) ?? 0) + 1);
    }
  } catch (err) {
    return classify(err, entry.path);
  }
  for (const [key, n] of local) ctx.counts.set(key, (ctx.counts.get(key) ?? 0) + n);
  return undefined;
}

function classify(err: unknown, file: string): VerifyFinding {
  if (isEngineError(err) && err.retryable) throw err;
  const message = err instanceof Error ? err.message : String(err);
  const check = isEngineError(err) ? (err.details?.check as ChunkCheck | undefined) : undefined;
  if (check !== undefined && check in CODE_OF_CHECK) return { severity: 'error', file, code: CODE_OF_CHECK[check], message };
  if (isEngineError(err, 'not_found')) return { severity: 'error', file, code: 'missing_file', message: `chunk ${file} is missing` };
  return { severity: 'error', file, code: 'unreadable_file', message: `chunk ${file} cannot be read: ${message}` };
}

function compareCollections(manifest: Manifest, counts: ReadonlyMap<string, number>, error: AddError): void {
  const keys = new Set([...Object.keys(manifest.collections), ...counts.keys()]);
  for (const key of [...keys].sort()) {
    const recorded = manifest.collections[key]?.documents ?? 0;
    const found = counts.get(key) ?? 0;
    if (recorded !== found) {
      error('collection_count_mismatch', `collection ${key}: the chunks hold ${found} documents, the manifest records ${recorded}`, 'manifest.json');
    }
  }
}
