/**
 * Errors raised while reading a Cloud Firestore managed export.
 *
 * Shaped like the engine-wide `EngineError { code, retryable, details, cause }` so the engine can wrap or re-map it
 * without inspecting messages. Nothing here is retryable: the bytes on disk will not change on a second read.
 */

/**
 * - `CORRUPT`: bytes that contradict the format (CRC mismatch, bad framing, malformed protobuf, counts that disagree
 *   with the metadata).
 * - `TRUNCATED`: a file ends in the middle of a record.
 * - `INCOMPLETE`: the export is missing files its metadata promises (or has no metadata at all: still running, or
 *   failed — Google writes the overall metadata last).
 * - `UNSUPPORTED`: well-formed data this reader does not translate (Datastore namespaces, legacy-only meanings, the
 *   MongoDB-compatible types of Firestore Enterprise).
 */
export type ManagedExportErrorCode = 'CORRUPT' | 'TRUNCATED' | 'INCOMPLETE' | 'UNSUPPORTED';

/** Where in the export the problem is; every field is optional because inner decoders know less than outer ones. */
export interface ManagedExportErrorDetails {
  /** Path of the file relative to the export root (or whatever name the caller gave the stream). */
  file?: string;
  /** Byte offset in `file` of the LevelDB record (its first physical header) being decoded. */
  offset?: number;
  /** Document path, when the key was decoded before the failure. */
  document?: string;
  /** Field path inside the document, e.g. `a.b[2]`. */
  field?: string;
}

/** The one error type thrown by the managed-export reader. */
export class ManagedExportError extends Error {
  readonly retryable = false;

  constructor(
    readonly code: ManagedExportErrorCode,
    /** What is wrong, without the location (the location is in `details` and prefixed to `message`). */
    readonly reason: string,
    readonly details: ManagedExportErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(formatMessage(reason, details), options);
    this.name = 'ManagedExportError';
  }
}

function formatMessage(reason: string, d: ManagedExportErrorDetails): string {
  const where: string[] = [];
  if (d.file !== undefined) where.push(d.file);
  if (d.offset !== undefined) where.push(`at byte ${d.offset}`);
  if (d.document !== undefined) where.push(`document ${JSON.stringify(d.document)}`);
  if (d.field !== undefined) where.push(`field ${JSON.stringify(d.field)}`);
  return where.length === 0 ? reason : `${where.join(', ')}: ${reason}`;
}

/**
 * Returns a `ManagedExportError` with `extra` location details filled in where it has none (the inner value wins, it
 * is more precise). Any other error is returned untouched: it is a bug in the reader, not a fault in the export, and
 * must not be reported as corrupt data.
 */
export function withLocation(err: unknown, extra: ManagedExportErrorDetails): Error {
  if (!(err instanceof ManagedExportError)) return err instanceof Error ? err : new Error(String(err));
  const keys = Object.keys(extra) as (keyof ManagedExportErrorDetails)[];
  if (keys.every((k) => extra[k] === undefined || err.details[k] !== undefined)) return err;
  const merged = { ...extra, ...definedOnly(err.details) };
  return new ManagedExportError(err.code, err.reason, merged, { cause: err });
}

function definedOnly(d: ManagedExportErrorDetails): ManagedExportErrorDetails {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));
}
