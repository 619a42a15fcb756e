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
import { readChunk, readChunkNames, type ChunkCheck } from './chunk-reader';
import { checkManifestConsistency, collectionGroupKey, sealedWith, type Manifest, type ManifestFileEntry } from './manifest';

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
  if (manifest.method !== 'logical') {
    const message = `backup ${manifest.backupId} is a ${manifest.method} backup: this check reads logical chunks only`;
    return { ok: false, findings: [{ severity: 'error', code: 'not_logical', message, file: 'manifest.json' }], documents: 0, bytes: 0 };
  }
  const keyFindings: VerifyFinding[] = [];
  const dataKey = await unwrapDataKey(manifest, keyWrapper, (code, message, file) => keyFindings.push({ severity: 'error', code, message, file }));
  const chunks = new ChunkVerifier({ backupId: manifest.backupId, open, dataKey, keyId: sealedWith(manifest)?.keyId });
  for (const entry of manifest.files) await chunks.check(entry);
  return chunks.finish(manifest, keyFindings);
}

/**
 * Verifies a logical backup while it is being written: each chunk is checked (read back from the store, exactly as
 * {@link verifyLogicalBackup} does) as soon as it is stored, so the checks overlap the rest of the read instead of
 * following it; {@link finish} then adds the manifest's own checks. The result equals what `verifyLogicalBackup`
 * would return for the finished manifest — the data key is the one just generated, and `finish` checks that the
 * manifest's wrapped key unwraps to it.
 */
export class ChunkVerifier {
  readonly #ctx: ChunkContext;
  readonly #findings: VerifyFinding[] = [];
  readonly #checked = new Set<string>();
  #documents = 0;
  #bytes = 0;
  #allRead = true;

  /**
   * `namesOnly`: skip parsing each line as a document (see readChunkNames) — only for a backup verifying chunks whose
   * SHA-256 it computed itself while writing them. Every other check is the same.
   */
  constructor(opts: { backupId: string; open: OpenFile; dataKey?: Buffer; keyId?: string; namesOnly?: boolean }) {
    this.#ctx = { backupId: opts.backupId, keyId: opts.keyId, open: opts.open, dataKey: opts.dataKey, counts: new Map(), namesOnly: opts.namesOnly ?? false };
  }

  /** Reads one stored chunk to the end and records its finding or its counts. Throws only transient store errors. */
  async check(entry: ManifestFileEntry): Promise<void> {
    this.#checked.add(entry.path);
    const finding = await verifyChunk(entry, this.#ctx);
    if (finding === undefined) {
      this.#documents += entry.documents ?? 0;
      this.#bytes += entry.bytes;
      return;
    }
    this.#allRead = false;
    // Without a data key every encrypted chunk fails the same way; the key finding already says so.
    if (!(finding.code === 'key_unavailable' && this.#ctx.dataKey === undefined)) this.#findings.push(finding);
  }

  /**
   * The verdict for `manifest`, whose chunks must all have been checked: manifest consistency, `keyFindings` (from
   * unwrapping its data key), the chunks' findings, and the per-collection counts.
   */
  finish(manifest: Manifest, keyFindings: VerifyFinding[] = []): VerifyResult {
    const findings: VerifyFinding[] = [];
    const error: AddError = (code, message, file) => findings.push({ severity: 'error', code, message, file });
    for (const p of checkManifestConsistency(manifest)) error('manifest_inconsistent', `manifest ${p.field}: ${p.message}`, 'manifest.json');
    findings.push(...keyFindings, ...this.#findings);
    const unchecked = manifest.files.filter((f) => !this.#checked.has(f.path));
    for (const f of unchecked) error('unreadable_file', `chunk ${f.path} was not read back`, f.path);
    if (this.#allRead && unchecked.length === 0) compareCollections(manifest, this.#ctx.counts, error);
    else {
      findings.push({
        severity: 'warning',
        code: 'collections_not_checked',
        message: 'per-collection counts were not compared because some chunks could not be read',
      });
    }
    return { ok: findings.every((f) => f.severity !== 'error'), findings, documents: this.#documents, bytes: this.#bytes };
  }
}

/**
 * The manifest's wrapped data key, unwrapped with the configured key: its finding when that fails (no key, wrong
 * key), and whether it is `expected` (the key a backup in progress sealed its chunks with).
 */
export async function checkWrappedKey(manifest: Manifest, keyWrapper: KeyWrapper | undefined, expected: Buffer | undefined): Promise<VerifyFinding[]> {
  const findings: VerifyFinding[] = [];
  const error: AddError = (code, message, file) => findings.push({ severity: 'error', code, message, file });
  const dataKey = await unwrapDataKey(manifest, keyWrapper, error);
  if (findings.length === 0 && (dataKey === undefined) !== (expected === undefined)) error('wrong_key', 'the manifest\'s encryption does not match how the chunks were written', 'manifest.json');
  else if (dataKey !== undefined && expected !== undefined && !dataKey.equals(expected)) {
    error('wrong_key', `the wrapped data key does not unwrap to the key the chunks were sealed with (key id ${sealedWith(manifest)?.keyId ?? '?'})`, 'manifest.json');
  }
  return findings;
}

type AddError = (code: VerifyFindingCode, message: string, file?: string) => void;

async function unwrapDataKey(manifest: Manifest, keyWrapper: KeyWrapper | undefined, error: AddError): Promise<Buffer | undefined> {
  const encryption = sealedWith(manifest);
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
  backupId: string;
  keyId: string | undefined;
  open: OpenFile;
  dataKey: Buffer | undefined;
  counts: Map<string, number>;
  namesOnly: boolean;
}

/** Reads one chunk to the end; the finding for its first problem, or undefined when it verified. */
async function verifyChunk(entry: ManifestFileEntry, ctx: ChunkContext): Promise<VerifyFinding | undefined> {
  const local = new Map<string, number>();
  try {
    const bytes = await ctx.open(entry.path);
    const options = { entry, backupId: ctx.backupId, dataKey: ctx.dataKey, keyId: ctx.keyId };
    const count = (name: string) => {
      const key = collectionGroupKey(name);
      local.set(key, (local.get(key) ?? 0) + 1);
    };
    if (ctx.namesOnly) for await (const name of readChunkNames(bytes, options)) count(name);
    else for await (const doc of readChunk(bytes, options)) count(doc.name);
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
