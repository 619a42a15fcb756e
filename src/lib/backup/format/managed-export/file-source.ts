/**
 * Where a managed export is read from. The reader needs only a listing and sequential reads, so an export can be read
 * in place from local disk, a bucket, or memory (tests) through the same two calls.
 */
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { ManagedExportError } from './errors';

/**
 * Read-only view of one export directory (the folder holding `<name>.overall_export_metadata`).
 *
 * Contract: paths are relative to that folder and `/`-separated, with no `.`/`..` segments. `listFiles` returns every
 * file below the folder, in any order. `openFile` streams one file's bytes in order; a consumer that stops early
 * closes the iterator (`return()`), which must release the underlying handle. A missing file rejects with any error;
 * the reader checks the listing first so that case is reported as an incomplete export.
 */
export interface ExportFileSource {
  listFiles(): Promise<readonly string[]>;
  openFile(path: string): AsyncIterable<Uint8Array>;
}

/** Read size for local files: two LevelDB blocks per syscall. */
const LOCAL_CHUNK_BYTES = 64 * 1024;

/** An export folder on local disk. */
export function localExportSource(rootDir: string): ExportFileSource {
  return {
    listFiles: () => listRecursively(rootDir, ''),
    openFile: (path) => readFileChunks(join(rootDir, ...safeSegments(path)), LOCAL_CHUNK_BYTES),
  };
}

/** An export held in memory, e.g. hand-made files in unit tests; `chunkBytes` simulates small network reads. */
export function memoryExportSource(files: ReadonlyMap<string, Uint8Array>, chunkBytes = 8192): ExportFileSource {
  return {
    listFiles: () => Promise.resolve([...files.keys()]),
    openFile: (path) => {
      const data = files.get(path);
      if (data === undefined) throw new ManagedExportError('INCOMPLETE', 'file not found', { file: path });
      return chunksOf(data, chunkBytes);
    },
  };
}

/** Slices a buffer into chunks; an async iterable like a real file stream. */
export async function* chunksOf(data: Uint8Array, chunkBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
  for (let i = 0; i < data.length; i += chunkBytes) {
    // Yield to the event loop between chunks, as real I/O would.
    await Promise.resolve();
    yield data.subarray(i, i + chunkBytes);
  }
}

/** Splits a relative path, refusing anything that could leave the export folder. */
export function safeSegments(path: string): string[] {
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new ManagedExportError('CORRUPT', 'path escapes or is not relative to the export folder', { file: path });
  }
  return segments;
}

async function listRecursively(rootDir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(join(rootDir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) return listRecursively(rootDir, rel);
      return entry.isFile() ? [rel] : [];
    }),
  );
  return nested.flat();
}

/** Sequential reads into fresh buffers (consumers may keep chunks); the handle closes even on early exit. */
async function* readFileChunks(path: string, chunkBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
  const handle = await open(path, 'r');
  try {
    for (;;) {
      const buffer = new Uint8Array(chunkBytes);
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
