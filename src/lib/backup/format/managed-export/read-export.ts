/**
 * Streams the documents of a Cloud Firestore managed export (`gcloud firestore export`, the Admin API's
 * `exportDocuments`, or the emulator's export endpoint) as {@link DocumentJson}.
 *
 * Layout (https://cloud.google.com/firestore/docs/manage-data/export-import):
 * ```
 * <root>/<root-name>.overall_export_metadata
 * <root>/all_namespaces/all_kinds/all_namespaces_all_kinds.export_metadata     all collections
 * <root>/all_namespaces/all_kinds/output-0, output-1, ...
 * <root>/all_namespaces/kind_<id>/all_namespaces_kind_<id>.export_metadata      one per collectionIds entry
 * <root>/all_namespaces/kind_<id>/output-0, ...
 * ```
 * Files are located through the metadata, not by guessing names, and cross-checked against the listing: a file the
 * metadata promises but the listing lacks makes the export `INCOMPLETE`; an `output-N` file the metadata does not list
 * makes it `CORRUPT` (we cannot know what it is). After each entity set, the number of documents read must equal the
 * count in the overall metadata.
 */
import type { DocumentJson } from '../firestore-value-json';
import { entityToDocument, type EntityDecodeOptions } from './entity-proto';
import { ManagedExportError, withLocation } from './errors';
import {
  parseEntitySetFiles,
  parseOverallMetadata,
  type EntitySetMetadata,
  type OverallExportMetadata,
} from './export-metadata';
import type { ExportFileSource } from './file-source';
import { readLevelDbLog } from './leveldb-log';

const OVERALL_SUFFIX = '.overall_export_metadata';
/** Per-set metadata files are a few hundred bytes; the cap only guards against reading a wrong, huge file. */
const MAX_SET_METADATA_BYTES = 16 * 1024 * 1024;

export interface ReadExportOptions extends EntityDecodeOptions {
  /** Compare per-set document counts with the overall metadata (default true). */
  verifyCounts?: boolean;
  /** Cap on one record; see `ReadLogOptions.maxRecordBytes` in leveldb-log.ts. */
  maxRecordBytes?: number;
}

/** An entity set with its output files resolved. */
export interface EntitySetLayout extends EntitySetMetadata {
  /** Paths relative to the export root, in write order. */
  outputFiles: string[];
}

/** Everything the metadata says about an export, checked against the file listing. */
export interface ManagedExportLayout extends Omit<OverallExportMetadata, 'entitySets'> {
  entitySets: EntitySetLayout[];
}

/**
 * Reads and cross-checks the metadata of the export rooted at `source`. Throws `INCOMPLETE` when the overall metadata
 * (written last by Google) or a promised file is missing.
 */
export async function readExportLayout(source: ExportFileSource): Promise<ManagedExportLayout> {
  const files = await source.listFiles();
  const overallFile = findOverallMetadata(files);
  const overall = await parseOverallMetadata(overallFile, source.openFile(overallFile));
  const present = new Set(files);
  const entitySets: EntitySetLayout[] = [];
  for (const set of overall.entitySets) {
    requirePresent(present, set.metadataFile, 'the overall metadata');
    const parsed = parseEntitySetFiles(set.metadataFile, await readSmallFile(source, set.metadataFile));
    if (parsed.partial) {
      throw new ManagedExportError('INCOMPLETE', 'entity set is marked partial', { file: set.metadataFile });
    }
    for (const file of parsed.outputFiles) requirePresent(present, file, set.metadataFile);
    rejectUnlistedOutputs(files, set.metadataFile, parsed.outputFiles);
    entitySets.push({ ...set, outputFiles: parsed.outputFiles });
  }
  return { file: overall.file, entitySets };
}

/**
 * Streams every document of the export, entity set by entity set and file by file, in the order they were written.
 * Errors are `ManagedExportError`s naming the file and the byte offset of the record at fault. The engine reads
 * through `index.ts`, whose `readManagedExport` turns them into EngineErrors (engine-errors.ts).
 */
export function readManagedExport(
  source: ExportFileSource,
  options: ReadExportOptions = {},
): AsyncGenerator<DocumentJson, void, undefined> {
  return streamExport(source, options, (err) => err);
}

/**
 * {@link readManagedExport} with every error passed through `mapError` as it leaves; the mapping sits in this one
 * generator rather than in a wrapping one, which would add an await per document on the backup and restore path.
 */
export async function* streamExport(
  source: ExportFileSource,
  options: ReadExportOptions,
  mapError: (err: unknown) => unknown,
): AsyncGenerator<DocumentJson, void, undefined> {
  try {
    const layout = await readExportLayout(source);
    for (const set of layout.entitySets) {
      let count = 0;
      for (const file of set.outputFiles) {
        const records = readLevelDbLog(source.openFile(file), { fileName: file, maxRecordBytes: options.maxRecordBytes });
        for await (const record of records) {
          let doc: DocumentJson;
          try {
            doc = entityToDocument(record.data, options);
            checkCollection(doc.name, set.collectionId);
          } catch (err) {
            throw withLocation(err, { file, offset: record.offset });
          }
          count++;
          yield doc;
        }
      }
      if ((options.verifyCounts ?? true) && set.documentCount !== undefined && count !== set.documentCount) {
        throw new ManagedExportError(
          'CORRUPT',
          `the overall metadata promises ${set.documentCount} documents for this set, its files hold ${count}`,
          { file: set.metadataFile },
        );
      }
    }
  } catch (err) {
    throw mapError(err);
  }
}

function findOverallMetadata(files: readonly string[]): string {
  const atRoot = files.filter((f) => !f.includes('/') && f.endsWith(OVERALL_SUFFIX));
  const [only, ...others] = atRoot;
  if (only !== undefined && others.length === 0) return only;
  if (atRoot.length > 1) {
    throw new ManagedExportError('CORRUPT', `several overall metadata files at the root: ${atRoot.join(', ')}`);
  }
  const nested = files.filter((f) => f.endsWith(OVERALL_SUFFIX));
  const hint = nested.length > 0 ? ` (found ${nested.join(', ')}: point the reader at that folder)` : '';
  throw new ManagedExportError(
    'INCOMPLETE',
    `no *${OVERALL_SUFFIX} at the export root: the export is unfinished or failed, or this is not its root${hint}`,
  );
}

function requirePresent(present: ReadonlySet<string>, file: string, listedIn: string): void {
  if (!present.has(file)) throw new ManagedExportError('INCOMPLETE', `file listed in ${listedIn} is missing`, { file });
}

function rejectUnlistedOutputs(files: readonly string[], metadataFile: string, listed: readonly string[]): void {
  const dir = metadataFile.slice(0, metadataFile.lastIndexOf('/') + 1);
  const known = new Set(listed);
  const stray = files.find(
    (f) => f.startsWith(dir) && /^output-\d+$/.test(f.slice(dir.length)) && !known.has(f),
  );
  if (stray !== undefined) {
    throw new ManagedExportError('CORRUPT', `output file not listed in ${metadataFile}`, { file: stray });
  }
}

/** In a `collectionIds` export, each set may only hold documents of its collection id (at any depth). */
function checkCollection(name: string, collectionId: string | undefined): void {
  if (collectionId === undefined) return;
  const segments = name.split('/');
  if (segments[segments.length - 2] !== collectionId) {
    throw new ManagedExportError('CORRUPT', `document outside collection ${JSON.stringify(collectionId)}`, {
      document: name,
    });
  }
}

async function readSmallFile(source: ExportFileSource, file: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source.openFile(file)) {
    total += chunk.length;
    if (total > MAX_SET_METADATA_BYTES) throw new ManagedExportError('CORRUPT', 'metadata file too large', { file });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The collection-group key of a document path: the document's own id dropped and every ancestor document id replaced
 * by `*`. So `users/u1` counts under `users`, and `users/u1/events/e1` and `users/u2/events/e9` both count under the
 * key `users`, `*`, `events` joined by slashes. One number per collection *shape* (what a restore or a verification
 * compares), not one per parent document; a collection id that is literally `*` is not distinguished.
 */
export function collectionGroupKey(documentName: string): string {
  const first = documentName.indexOf('/');
  // The common case, a top-level document `c/id`, without split/map/join: this runs for every document backed up,
  // verified and restored.
  if (first > 0 && documentName.indexOf('/', first + 1) < 0) return documentName.slice(0, first);
  return documentName
    .split('/')
    .slice(0, -1)
    .map((s, i) => (i % 2 === 0 ? s : '*'))
    .join('/');
}

/** Counts documents per {@link collectionGroupKey}. Consumes the iterable. */
export async function countByCollection(
  documents: AsyncIterable<Pick<DocumentJson, 'name'>> | Iterable<Pick<DocumentJson, 'name'>>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const doc of documents) {
    const key = collectionGroupKey(doc.name);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
