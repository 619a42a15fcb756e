/**
 * Builds a whole managed export in memory with the emulator's layout and metadata encoding (see
 * `export-metadata.ts`), including the `kind_<id>` layout of `collectionIds` exports, which the emulator cannot write.
 */
import { OVERALL_METADATA_VERSION } from '../export-metadata';
import { ProtoWriter } from './proto-writer';
import { writeLevelDbLog } from './leveldb-log-writer';

export interface EntitySetSpec {
  /** A `collectionIds` entry; undefined for an all-collections export. */
  collectionId?: string;
  /** Records per output file (output-0, output-1, ...). */
  files: readonly (readonly Uint8Array[])[];
  /** Overrides the document count written to the overall metadata; `null` omits it. */
  documentCount?: number | null;
}

export const EXPORT_NAME = 'firestore_export_1700000000';

/** Returns the export as `relative path → bytes`, rooted at the export folder. */
export function buildExport(
  sets: readonly EntitySetSpec[],
  version = OVERALL_METADATA_VERSION,
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const overall = new ProtoWriter();
  for (const set of sets) {
    const kind = set.collectionId === undefined ? 'all_kinds' : `kind_${set.collectionId}`;
    const dir = `all_namespaces/${kind}`;
    const metadataFile = `${dir}/all_namespaces_${kind}.export_metadata`;
    const names = set.files.map((_, i) => `output-${i}`);
    set.files.forEach((records, i) => files.set(`${dir}/${names[i]}`, writeLevelDbLog(records)));
    files.set(metadataFile, entitySetMetadata(names));
    const count = set.documentCount === undefined ? set.files.flat().length : set.documentCount;
    overall.bytes(1, pointer(set.collectionId, metadataFile, count));
  }
  const versionRecord = new TextEncoder().encode(version);
  files.set(`${EXPORT_NAME}.overall_export_metadata`, writeLevelDbLog([versionRecord, overall.finish()]));
  return files;
}

function pointer(collectionId: string | undefined, metadataFile: string, count: number | null): ProtoWriter {
  const spec = new ProtoWriter();
  if (collectionId === undefined) spec.varint(1, 2);
  else spec.varint(1, 1).string(2, collectionId);
  spec.varint(3, 3);
  const w = new ProtoWriter().bytes(1, spec).string(2, metadataFile);
  if (count !== null) w.varint(3, count);
  return w.varint(4, 0);
}

/** A `Backup` message: backup_info, then one kind_info listing the output files. */
export function entitySetMetadata(outputFiles: readonly string[], partial = false): Uint8Array {
  const info = new ProtoWriter().string(1, EXPORT_NAME).varint(2, 1700000000000000n).varint(3, 1700000001000000n);
  const kind = new ProtoWriter().string(1, '');
  for (const name of outputFiles) kind.string(2, name);
  if (partial) kind.varint(4, true);
  return new ProtoWriter().bytes(1, info).bytes(2, kind).finish();
}
