/**
 * A LevelDB log writer (https://github.com/google/leveldb/blob/main/doc/log_format.md) for building test files,
 * following LevelDB's `log::Writer`: fragments records across 32 KiB blocks and zero-fills block tails shorter than a
 * header. `physicalRecord` builds single headers for crafting damaged files.
 */
import { crc32c, maskCrc } from '../crc32c';
import { BLOCK_SIZE, HEADER_SIZE, RecordType } from '../leveldb-log';

/** One physical record: header (masked CRC32C over type + payload, length, type) and payload. */
export function physicalRecord(type: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE + payload.length);
  const view = new DataView(out.buffer);
  out[6] = type;
  view.setUint32(0, maskCrc(crc32c(payload, crc32c(out.subarray(6, 7)))), true);
  view.setUint16(4, payload.length, true);
  out.set(payload, HEADER_SIZE);
  return out;
}

/** Encodes logical records as a complete log file. `padFinalBlock` zero-fills the last block like some writers do. */
export function writeLevelDbLog(records: readonly Uint8Array[], options: { padFinalBlock?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  let blockOffset = 0;
  const emit = (bytes: Uint8Array): void => {
    parts.push(bytes);
    blockOffset = (blockOffset + bytes.length) % BLOCK_SIZE;
  };
  for (const record of records) {
    let rest = record;
    let first = true;
    for (;;) {
      const left = BLOCK_SIZE - blockOffset;
      if (left < HEADER_SIZE) {
        emit(new Uint8Array(left));
        continue;
      }
      const room = left - HEADER_SIZE;
      const fragment = rest.subarray(0, room);
      const last = fragment.length === rest.length;
      const type = first
        ? last ? RecordType.FULL : RecordType.FIRST
        : last ? RecordType.LAST : RecordType.MIDDLE;
      emit(physicalRecord(type, fragment));
      rest = rest.subarray(fragment.length);
      first = false;
      if (last) break;
    }
  }
  if (options.padFinalBlock === true && blockOffset !== 0) emit(new Uint8Array(BLOCK_SIZE - blockOffset));
  return concatAll(parts);
}

export function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
