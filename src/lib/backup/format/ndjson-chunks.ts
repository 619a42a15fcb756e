/**
 * Logical backup format v1 (docs/design.md "Logical format"):
 * ```
 * <backup root>/chunks/000001.ndjson.gz[.enc]   one document per line, Firestore REST Value JSON
 * <backup root>/manifest.json                   written last (manifest.ts)
 * ```
 * - document-line.ts: the line encoding; chunk-writer.ts: documents → bounded chunks through a sink;
 * - envelope.ts: per-chunk AES-256-GCM; chunk-reader.ts: one chunk back to documents, verified;
 * - verify-logical-backup.ts: every check over a stored backup, all findings collected.
 */
export { documentToLine, parseDocumentLine } from './document-line';
export { readChunk, type ChunkCheck, type ReadChunkOptions } from './chunk-reader';
export {
  DEFAULT_MAX_CHUNK_BYTES,
  DEFAULT_MAX_CHUNK_DOCUMENTS,
  writeChunks,
  type ChunkSink,
  type WriteChunksOptions,
  type WriteChunksResult,
  type WriteProgress,
} from './chunk-writer';
export {
  DATA_KEY_BYTES,
  generateDataKey,
  isSealedChunk,
  openChunk,
  sealChunk,
  sealChunkStream,
  type ChunkContext,
} from './envelope';
export {
  verifyLogicalBackup,
  type OpenFile,
  type VerifyFinding,
  type VerifyFindingCode,
  type VerifyResult,
} from './verify-logical-backup';
