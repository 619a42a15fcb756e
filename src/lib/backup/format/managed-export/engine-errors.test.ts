/** The reader's door to the engine: a damaged export leaves it as an EngineError naming the file, never `internal`. */
import { EngineError, isEngineError } from '../../errors';
import type { DocumentJson } from '../firestore-value-json';
import { ManagedExportError } from './errors';
import { memoryExportSource, type ExportFileSource } from './file-source';
import { readExportLayout, readManagedExport } from './index';
import { encodeDocument, p, v } from './testing/entity-builder';
import { buildExport, EXPORT_NAME } from './testing/export-builder';

const OUTPUT = 'all_namespaces/all_kinds/output-0';

function docBytes(id: string, n: number): Uint8Array {
  return encodeDocument([['users', id]], [p.plain('n', v.int(n))]);
}

async function readError(source: ExportFileSource): Promise<EngineError> {
  const docs: DocumentJson[] = [];
  try {
    for await (const doc of readManagedExport(source)) docs.push(doc);
  } catch (err) {
    if (isEngineError(err)) return err;
    throw err;
  }
  throw new Error(`expected an EngineError, read ${docs.length} documents`);
}

describe('managed-export reads through index.ts (the engine-facing entry)', () => {
  it('reports a corrupted record as integrity with the file, the record offset and the reader error as cause', async () => {
    const files = buildExport([{ files: [[docBytes('u1', 1), docBytes('u2', 2)]] }]);
    const damaged = Uint8Array.from(files.get(OUTPUT) ?? []);
    const at = damaged.length - 3; // inside the second record's payload: its CRC no longer matches
    damaged[at] = (damaged[at] ?? 0) ^ 0x40;
    files.set(OUTPUT, damaged);
    const err = await readError(memoryExportSource(files));
    expect(err).toMatchObject({ code: 'integrity', retryable: false, details: { file: OUTPUT, exportError: 'CORRUPT' } });
    expect(err.details?.offset).toBe(7 + docBytes('u1', 1).length);
    expect(err.message).toContain(OUTPUT);
    expect(err.cause).toBeInstanceOf(ManagedExportError);
  });

  it('reports a cut file as integrity and an untranslatable value as failed_precondition, naming the document', async () => {
    const files = buildExport([{ files: [[docBytes('u1', 1), docBytes('u2', 2)]] }]);
    files.set(OUTPUT, (files.get(OUTPUT) ?? new Uint8Array()).subarray(0, 20));
    expect(await readError(memoryExportSource(files))).toMatchObject({ code: 'integrity', details: { file: OUTPUT, exportError: 'TRUNCATED' } });

    const odd = encodeDocument([['users', 'x']], [{ name: 'm', value: v.int(1), meaning: 99 }]);
    const unsupported = await readError(memoryExportSource(buildExport([{ files: [[odd]] }])));
    expect(unsupported).toMatchObject({ code: 'failed_precondition', retryable: false, details: { file: OUTPUT, document: 'users/x', field: 'm' } });
  });

  it('reports a missing overall metadata from readExportLayout as integrity', async () => {
    const nested = new Map([...buildExport([])].map(([k, b]) => [`${EXPORT_NAME}/${k}`, b]));
    await expect(readExportLayout(memoryExportSource(nested))).rejects.toMatchObject({ code: 'integrity', details: { exportError: 'INCOMPLETE' } });
  });

  it('passes the store’s own EngineErrors through unchanged (a retryable read stays retryable)', async () => {
    const outage = new EngineError('unavailable', 'bucket read failed', { retryable: true });
    const source: ExportFileSource = { listFiles: () => Promise.reject(outage), openFile: () => [] as unknown as AsyncIterable<Uint8Array> };
    expect(await readError(source)).toBe(outage);
  });
});
