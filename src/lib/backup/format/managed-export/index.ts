/**
 * Reader for Cloud Firestore managed exports (the LevelDB/EntityProto files written by `gcloud firestore export`, the
 * Admin API and the emulator), yielding documents in the logical format's Value JSON. Its reads throw EngineErrors
 * (engine-errors.ts); the `ManagedExportError` they wrap is the `cause`.
 */
export { entityToDocument, Meaning, type EntityDecodeOptions } from './entity-proto';
export { ManagedExportError, type ManagedExportErrorCode, type ManagedExportErrorDetails } from './errors';
export type { EntitySetMetadata, OverallExportMetadata } from './export-metadata';
export { localExportSource, memoryExportSource, type ExportFileSource } from './file-source';
export { readLevelDbLog, type LogRecord, type ReadLogOptions } from './leveldb-log';
export { readExportLayout, readManagedExport } from './engine-errors';
export {
  collectionGroupKey,
  countByCollection,
  type EntitySetLayout,
  type ManagedExportLayout,
  type ReadExportOptions,
} from './read-export';
