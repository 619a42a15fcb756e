/**
 * Firestore adapter of logical backups and restores: lossless `DocumentJson` reads at one consistent readTime
 * (kindless all-descendants queries, optionally in parallel key ranges) and batched, retried, optionally throttled
 * writes, through the SDK's public v1 GAPIC client.
 */
export {
  createFirestoreDocumentStore,
  type FirestoreDocumentStore,
  type FirestoreDocumentStoreOptions,
  type StreamDocumentsOptions,
  type WriteDocumentsOptions,
} from './document-store';
export { rootCollectionRange, type ReadPartition } from './partitions';
export { RampLimiter, type MonotonicClock, type RampLimiterOptions } from './ramp-limiter';
export type { KeyRange } from './read-stream';
export type { DatabaseId } from './resource-names';
export { jsonFieldsToProto, jsonToProto, protoFieldsToJson, protoToJson } from './value-proto';
export type { WriteMode } from '../../ports';
export type { WriteProgress } from './write-documents';
