/**
 * Reader for Cloud Firestore managed exports (the LevelDB/EntityProto files written by `gcloud firestore export`, the
 * Admin API and the emulator), yielding documents in the logical format's Value JSON.
 */
export { entityToDocument, Meaning, type EntityDecodeOptions } from './entity-proto';
export { ManagedExportError, type ManagedExportErrorCode, type ManagedExportErrorDetails } from './errors';
export type { EntitySetMetadata, OverallExportMetadata } from './export-metadata';
export { localExportSource, memoryExportSource, type ExportFileSource } from './file-source';
export { readLevelDbLog, type LogRecord, type ReadLogOptions } from './leveldb-log';
export {
  collectionGroupKey,
  countByCollection,
  readExportLayout,
  readManagedExport,
  type EntitySetLayout,
  type ManagedExportLayout,
  type ReadExportOptions,
} from './read-export';
