/**
 * The managed-export reader's door to the engine: the same reads, with every `ManagedExportError` turned into the one
 * `EngineError` as it leaves, so a damaged export reaches jobs, verification and the API as `integrity` with the file
 * and byte offset in `details`, never as an unknown `internal` error. Errors that are already EngineErrors (the store
 * under an `ExportFileSource`, e.g. a retryable `unavailable`) and bugs pass through untouched.
 */
import { EngineError, type EngineErrorCode } from '../../errors';
import type { DocumentJson } from '../firestore-value-json';
import { ManagedExportError, type ManagedExportErrorCode } from './errors';
import type { ExportFileSource } from './file-source';
import {
  readExportLayout as readLayout,
  streamExport,
  type ManagedExportLayout,
  type ReadExportOptions,
} from './read-export';

/**
 * A corrupt, cut or incomplete export is stored bytes that disagree with what was recorded (`integrity`); a
 * well-formed one this reader cannot translate needs another tool, not a retry (`failed_precondition`).
 */
const ENGINE_CODE: Readonly<Record<ManagedExportErrorCode, EngineErrorCode>> = {
  CORRUPT: 'integrity',
  TRUNCATED: 'integrity',
  INCOMPLETE: 'integrity',
  UNSUPPORTED: 'failed_precondition',
};

/** A `ManagedExportError` as an EngineError (message and location kept, never retryable); anything else unchanged. */
export function toEngineError(err: unknown): unknown {
  if (!(err instanceof ManagedExportError)) return err;
  const details: Record<string, unknown> = { exportError: err.code };
  for (const [key, value] of Object.entries(err.details)) if (value !== undefined) details[key] = value;
  return new EngineError(ENGINE_CODE[err.code], err.message, { retryable: false, details, cause: err });
}

/** `readManagedExport` (read-export.ts) for the engine: errors are EngineErrors. */
export function readManagedExport(source: ExportFileSource, options: ReadExportOptions = {}): AsyncGenerator<DocumentJson, void, undefined> {
  return streamExport(source, options, toEngineError);
}

/** `readExportLayout` (read-export.ts) for the engine: errors are EngineErrors. */
export async function readExportLayout(source: ExportFileSource): Promise<ManagedExportLayout> {
  try {
    return await readLayout(source);
  } catch (err) {
    throw toEngineError(err);
  }
}
