/**
 * Streaming reader for the LevelDB log format
 * (https://github.com/google/leveldb/blob/main/doc/log_format.md), the framing of every `output-N` file and of the
 * `.overall_export_metadata` file of a Firestore managed export.
 *
 * A file is a sequence of 32 KiB blocks. Each block holds physical records `crc32c(4, LE, masked) | length(2, LE) |
 * type(1) | payload`, where type is FULL, or FIRST/MIDDLE.../LAST for a logical record split across blocks. A block
 * tail shorter than a header is zero-filled. Memory use is one block plus the logical record being assembled.
 *
 * Unlike LevelDB's own reader, which skips damaged regions to salvage a database, this reader stops at the first
 * problem: a backup is either verifiably intact or it is reported corrupt.
 */
import { crc32c, unmaskCrc } from './crc32c';
import { ManagedExportError, type ManagedExportErrorCode } from './errors';

export const BLOCK_SIZE = 32 * 1024;
export const HEADER_SIZE = 7;

/** Physical record types; 0 only appears in zero-filled (preallocated) regions. */
export const RecordType = { ZERO: 0, FULL: 1, FIRST: 2, MIDDLE: 3, LAST: 4 } as const;

/** A logical record and where it starts in the file (the offset of its first physical header). */
export interface LogRecord {
  data: Uint8Array;
  offset: number;
}

export interface ReadLogOptions {
  /** Named in error messages; a path relative to the export root is most useful. */
  fileName?: string;
  /**
   * Upper bound on one logical record, so a corrupt chain of MIDDLE records cannot grow without limit. Firestore
   * documents are at most 1 MiB (https://firebase.google.com/docs/firestore/quotas); the default leaves ample room for
   * EntityProto overhead.
   */
  maxRecordBytes?: number;
}

const DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;

/**
 * Yields the logical records of one log file, verifying every CRC. Throws {@link ManagedExportError} `CORRUPT` or
 * `TRUNCATED` naming the file and byte offset. Each yielded `data` is a fresh copy the caller may keep.
 */
export async function* readLevelDbLog(
  source: AsyncIterable<Uint8Array>,
  options: ReadLogOptions = {},
): AsyncGenerator<LogRecord, void, undefined> {
  const assembler = new RecordAssembler(options.fileName, options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
  const block = new Uint8Array(BLOCK_SIZE);
  let filled = 0;
  let blockOffset = 0;
  for await (const chunk of source) {
    let i = 0;
    while (i < chunk.length) {
      const n = Math.min(BLOCK_SIZE - filled, chunk.length - i);
      block.set(chunk.subarray(i, i + n), filled);
      filled += n;
      i += n;
      if (filled === BLOCK_SIZE) {
        yield* assembler.parseBlock(block, blockOffset);
        blockOffset += BLOCK_SIZE;
        filled = 0;
      }
    }
  }
  if (filled > 0) yield* assembler.parseBlock(block.subarray(0, filled), blockOffset);
  assembler.finish(blockOffset + filled);
}

/** Reassembles logical records from blocks; keeps state across blocks for fragmented records. */
class RecordAssembler {
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  /** File offset of the FIRST fragment of the record being assembled, or -1 between records. */
  private recordStart = -1;

  constructor(
    private readonly fileName: string | undefined,
    private readonly maxRecordBytes: number,
  ) {}

  /** Parses one block; a block shorter than BLOCK_SIZE is the last one of the file. */
  *parseBlock(block: Uint8Array, blockOffset: number): Generator<LogRecord, void, undefined> {
    const isFullBlock = block.length === BLOCK_SIZE;
    let pos = 0;
    while (pos < block.length) {
      const at = blockOffset + pos;
      if (block.length - pos < HEADER_SIZE) {
        if (!isFullBlock) throw this.error('TRUNCATED', at, 'file ends inside a record header');
        this.expectZeros(block, pos, blockOffset, 'block trailer');
        return;
      }
      const stored = readUint32LE(block, pos);
      const length = (block[pos + 4] as number) | ((block[pos + 5] as number) << 8);
      const type = block[pos + 6] as number;
      if (type === RecordType.ZERO && length === 0 && stored === 0) {
        // Writers that preallocate or pad files leave zeros; LevelDB's reader skips them the same way.
        this.expectZeros(block, pos, blockOffset, 'zero padding');
        return;
      }
      const end = pos + HEADER_SIZE + length;
      if (end > block.length) {
        if (!isFullBlock) throw this.error('TRUNCATED', at, `record of ${length} bytes is cut off by the end of file`);
        throw this.error('CORRUPT', at, `record length ${length} overruns its block`);
      }
      const payload = block.subarray(pos + HEADER_SIZE, end);
      const actual = crc32c(payload, crc32c(block.subarray(pos + 6, pos + 7)));
      if (actual !== unmaskCrc(stored)) {
        throw this.error('CORRUPT', at, `CRC32C mismatch (stored ${hex(unmaskCrc(stored))}, computed ${hex(actual)})`);
      }
      const record = this.accept(type, payload, at);
      if (record) yield record;
      pos = end;
    }
  }

  /** Throws if the file ended in the middle of a fragmented record. */
  finish(fileSize: number): void {
    if (this.recordStart >= 0) {
      const reason = `file ends (at byte ${fileSize}) before the record's LAST fragment`;
      throw this.error('TRUNCATED', this.recordStart, reason);
    }
  }

  private accept(type: number, payload: Uint8Array, at: number): LogRecord | undefined {
    switch (type) {
      case RecordType.FULL:
        this.expectBetweenRecords(at, 'FULL');
        return { data: payload.slice(), offset: at };
      case RecordType.FIRST:
        this.expectBetweenRecords(at, 'FIRST');
        this.recordStart = at;
        this.append(payload, at);
        return undefined;
      case RecordType.MIDDLE:
        this.expectInsideRecord(at, 'MIDDLE');
        this.append(payload, at);
        return undefined;
      case RecordType.LAST: {
        this.expectInsideRecord(at, 'LAST');
        this.append(payload, at);
        const record = { data: concat(this.parts, this.partBytes), offset: this.recordStart };
        this.parts = [];
        this.partBytes = 0;
        this.recordStart = -1;
        return record;
      }
      default:
        throw this.error('CORRUPT', at, `unknown record type ${type}`);
    }
  }

  private append(payload: Uint8Array, at: number): void {
    this.partBytes += payload.length;
    if (this.partBytes > this.maxRecordBytes) {
      throw this.error('CORRUPT', at, `record grows beyond ${this.maxRecordBytes} bytes`);
    }
    this.parts.push(payload.slice());
  }

  private expectBetweenRecords(at: number, type: string): void {
    if (this.recordStart >= 0) {
      throw this.error('CORRUPT', at, `${type} fragment while the record at byte ${this.recordStart} is unfinished`);
    }
  }

  private expectInsideRecord(at: number, type: string): void {
    if (this.recordStart < 0) throw this.error('CORRUPT', at, `${type} fragment without a FIRST fragment`);
  }

  private expectZeros(block: Uint8Array, from: number, blockOffset: number, what: string): void {
    for (let i = from; i < block.length; i++) {
      if (block[i] !== 0) throw this.error('CORRUPT', blockOffset + i, `non-zero byte in ${what}`);
    }
  }

  private error(code: ManagedExportErrorCode, offset: number, reason: string): ManagedExportError {
    return new ManagedExportError(code, reason, { file: this.fileName, offset });
  }
}

function readUint32LE(b: Uint8Array, at: number): number {
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) |
    ((b[at + 3] as number) << 24)) >>> 0;
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
