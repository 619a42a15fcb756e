/**
 * The two metadata files of a managed export (message and field names from the descriptors embedded in the emulator,
 * `apphosting/client/admin_jobs_v3/export_metadata.proto` and `apphosting/ext/datastore_admin/backup.proto`):
 *
 * - `<root>/<name>.overall_export_metadata`: a LevelDB log holding the format version ("3") and an
 *   `OverallExportMetadata { repeated SingleExportMetadataPointer export_pointers = 1 }`, each pointer being
 *   `{ EntitySetSpec entity_set_spec = 1; string export_metadata_file = 2; int64 num_entities = 3;
 *   int64 num_bytes = 4 }` with `EntitySetSpec { KindType kind_type = 1; string kind = 2; NamespaceType
 *   namespace_type = 3; string namespace = 4 }`. Google writes this file last, so its absence means the export is
 *   unfinished or failed. An export of an empty database has no pointers and no other files.
 * - `<dir>/<...>.export_metadata`, one per pointer: a plain (unframed) `Backup { BackupInfo backup_info = 1;
 *   repeated KindBackupInfo kind_info = 2 }` with `KindBackupInfo { string kind = 1; repeated string file = 2;
 *   EntitySchema entity_schema = 3; bool is_partial = 4 }`; `file` names the `output-N` files next to it.
 */
import { ManagedExportError, withLocation } from './errors';
import { readLevelDbLog } from './leveldb-log';
import { ProtoReader } from './proto-wire';

/** The version string this reader understands (the emulator refuses to import anything else, too). */
export const OVERALL_METADATA_VERSION = '3';

/** One exported entity set: all collections, or one collection id of a `collectionIds` export. */
export interface EntitySetMetadata {
  /** The collection id of a `collectionIds` export (`kind_<id>` folder); undefined for an all-collections export. */
  collectionId: string | undefined;
  /** Path of the `.export_metadata` file, relative to the export root. */
  metadataFile: string;
  /** Documents the export claims to hold for this set, when recorded. */
  documentCount: number | undefined;
  /** Total size of the set's output files in bytes, when recorded. */
  byteCount: number | undefined;
}

/** The pointer list of the overall metadata file. */
export interface OverallExportMetadata {
  /** Path of the `.overall_export_metadata` file, relative to the export root. */
  file: string;
  entitySets: EntitySetMetadata[];
}

/** What a per-set `.export_metadata` file says about its output files. */
export interface EntitySetFiles {
  /** Paths relative to the export root, in the order the export wrote them. */
  outputFiles: string[];
  /** True when Google marked the set as not fully exported. */
  partial: boolean;
}

const KIND_TYPE_ONE_KIND = 1;

/** Parses the overall metadata from its byte stream. */
export async function parseOverallMetadata(
  file: string,
  bytes: AsyncIterable<Uint8Array>,
): Promise<OverallExportMetadata> {
  const records: Uint8Array[] = [];
  for await (const record of readLevelDbLog(bytes, { fileName: file })) records.push(record.data);
  const [version, body, ...extra] = records;
  if (version === undefined || body === undefined || extra.length > 0) {
    const reason = `expected 2 records (version, metadata), found ${records.length}`;
    throw new ManagedExportError('CORRUPT', reason, { file });
  }
  const versionText = new TextDecoder().decode(version);
  if (versionText !== OVERALL_METADATA_VERSION) {
    throw new ManagedExportError('UNSUPPORTED', `export metadata version ${JSON.stringify(versionText)}`, { file });
  }
  const entitySets: EntitySetMetadata[] = [];
  try {
    new ProtoReader(body).forEachField((tag, r) => {
      if (tag.field === 1) entitySets.push(parsePointer(r.message(tag)));
      else r.skip(tag);
    });
  } catch (err) {
    throw withLocation(err, { file });
  }
  return { file, entitySets };
}

function parsePointer(reader: ProtoReader): EntitySetMetadata {
  let kindType = 0;
  let kind = '';
  const set: EntitySetMetadata = {
    collectionId: undefined,
    metadataFile: '',
    documentCount: undefined,
    byteCount: undefined,
  };
  reader.forEachField((tag, r) => {
    switch (tag.field) {
      case 1:
        r.message(tag).forEachField((t, sr) => {
          if (t.field === 1) kindType = sr.uint(t);
          else if (t.field === 2) kind = sr.string(t);
          else sr.skip(t);
        });
        return;
      case 2:
        set.metadataFile = r.string(tag);
        return;
      case 3:
        set.documentCount = r.uint(tag);
        return;
      case 4:
        set.byteCount = r.uint(tag);
        return;
      default:
        r.skip(tag);
    }
  });
  if (set.metadataFile === '') throw new ManagedExportError('CORRUPT', 'export pointer without a metadata file');
  if (kindType === KIND_TYPE_ONE_KIND) set.collectionId = kind;
  return set;
}

/** Parses a per-set `.export_metadata` file (plain protobuf, small enough to hold in memory). */
export function parseEntitySetFiles(metadataFile: string, bytes: Uint8Array): EntitySetFiles {
  const dir = metadataFile.includes('/') ? metadataFile.slice(0, metadataFile.lastIndexOf('/') + 1) : '';
  const result: EntitySetFiles = { outputFiles: [], partial: false };
  try {
    new ProtoReader(bytes).forEachField((tag, r) => {
      if (tag.field !== 2) {
        r.skip(tag);
        return;
      }
      r.message(tag).forEachField((t, kr) => {
        if (t.field === 2) result.outputFiles.push(dir + checkFileName(kr.string(t)));
        else if (t.field === 4) result.partial = result.partial || kr.bool(t);
        else kr.skip(t);
      });
    });
  } catch (err) {
    throw withLocation(err, { file: metadataFile });
  }
  return result;
}

/** Output file names are plain names next to the metadata; anything path-like would escape the export. */
function checkFileName(name: string): string {
  if (name === '' || name.includes('/') || name.includes('\\') || name === '.' || name === '..') {
    throw new ManagedExportError('CORRUPT', `invalid output file name ${JSON.stringify(name)}`);
  }
  return name;
}
