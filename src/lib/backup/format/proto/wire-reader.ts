/**
 * The protobuf wire-format reader (https://protobuf.dev/programming-guides/encoding/) of the hot decode paths: a
 * cursor over one buffer, 64-bit varints as two 32-bit halves (no bigint, no allocation), checked against the end of
 * the buffer on every read. Callers bound nested messages themselves with `end(length)` and `expectAt(end)`.
 *
 * Shared by the Firestore adapter's response decoder (adapters/firestore/wire-lines.ts) and mirrored by the writer
 * (wire-writer.ts). The managed-export reader keeps its own `ProtoReader` (managed-export/proto-wire.ts) on purpose:
 * it needs proto2 groups, exact bigint values and a bound on every byte of a sub-message, which this cursor leaves to
 * its callers to stay fast.
 */

/** Wire types (the low 3 bits of a field key). 3 and 4 (groups) are proto2 only. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
export const START_GROUP = 3;
export const END_GROUP = 4;
export const FIXED32 = 5;

/** The key of field `field` with wire type `wireType`, as it appears (varint-encoded) on the wire. */
export function fieldKey(field: number, wireType: number): number {
  return ((field << 3) | wireType) >>> 0;
}

/** Bytes that are not valid protobuf; the message says what and at which byte. Callers wrap it at their edge. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

/** A cursor over one message's bytes; every read checks it stays inside the buffer. */
export class WireReader {
  pos = 0;
  /** The two 32-bit halves of the last 64-bit varint read (unsigned). */
  #lo = 0;
  #hi = 0;

  constructor(readonly buf: Buffer) {}

  /** Where a length-delimited field of `length` bytes starting here ends; checked against the buffer. */
  end(length: number): number {
    const end = this.pos + length;
    if (end > this.buf.length) throw new WireFormatError(`a field of ${length} bytes at byte ${this.pos} runs past the end`);
    return end;
  }

  /** Checks that the fields of a message ending at `end` ended exactly there. */
  expectAt(end: number): void {
    if (this.pos !== end) throw new WireFormatError(`a field overruns its message at byte ${this.pos}`);
  }

  /** A varint of at most 32 bits (tags, lengths). */
  varint32(): number {
    const buf = this.buf;
    let b = buf[this.pos++] as number;
    if (b < 0x80) return b;
    let value = b & 0x7f;
    b = buf[this.pos++] as number;
    value |= (b & 0x7f) << 7;
    if (b < 0x80) return value;
    b = buf[this.pos++] as number;
    value |= (b & 0x7f) << 14;
    if (b < 0x80) return value;
    b = buf[this.pos++] as number;
    value |= (b & 0x7f) << 21;
    if (b < 0x80) return value;
    b = buf[this.pos++] as number;
    if (b === undefined || b > 0x0f) throw new WireFormatError(`varint out of range at byte ${this.pos - 5}`);
    return (value | (b << 28)) >>> 0;
  }

  /** Reads a 64-bit varint into the two halves. */
  #varint64(): void {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      b = this.#byte(buf);
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.#lo = lo >>> 0;
        this.#hi = 0;
        return;
      }
    }
    b = this.#byte(buf);
    lo |= (b & 0x7f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31) throw new WireFormatError(`varint longer than 10 bytes at byte ${this.pos}`);
        b = this.#byte(buf);
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.#lo = lo >>> 0;
    this.#hi = hi >>> 0;
  }

  #byte(buf: Buffer): number {
    const b = buf[this.pos++];
    if (b === undefined) throw new WireFormatError('varint runs past the end');
    return b;
  }

  skipVarint(): void {
    this.#varint64();
  }

  /** A varint read as a proto `bool`: any non-zero value is true. */
  varintIsZero(): boolean {
    this.#varint64();
    return this.#lo === 0 && this.#hi === 0;
  }

  /** A proto int64 (two's complement) as a decimal string, exact over the whole range. */
  int64Text(): string {
    this.#varint64();
    const lo = this.#lo;
    const hi = this.#hi;
    if (hi === 0) return String(lo);
    // |value| < 2^53: plain arithmetic is exact.
    if (hi < 0x200000) return String(hi * 4294967296 + lo);
    if (hi >= 0xffe00000) return String((hi | 0) * 4294967296 + lo);
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
  }

  /** A proto int64 as a number (for values well inside ±2^53, e.g. timestamps). */
  int64Number(): number {
    this.#varint64();
    return (this.#hi | 0) * 4294967296 + this.#lo;
  }

  /** A little-endian fixed64 double. */
  double(): number {
    if (this.pos + 8 > this.buf.length) throw new WireFormatError('a double runs past the end');
    const d = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return d;
  }

  /** `length` bytes as UTF-8 (as protobufjs decodes: invalid sequences become U+FFFD). */
  string(length: number): string {
    const end = this.end(length);
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end;
    return s;
  }

  /** `length` bytes as standard padded base64. */
  base64(length: number): string {
    const end = this.end(length);
    const s = this.buf.toString('base64', this.pos, end);
    this.pos = end;
    return s;
  }

  /** Skips the value of a field with key `tag`. */
  skip(tag: number): void {
    switch (tag & 7) {
      case VARINT:
        this.#varint64();
        return;
      case FIXED64:
        this.pos = this.end(8);
        return;
      case LENGTH_DELIMITED:
        this.pos = this.end(this.varint32());
        return;
      case FIXED32:
        this.pos = this.end(4);
        return;
      default:
        // Groups (3, 4) are not used by any proto3 message.
        throw new WireFormatError(`unexpected wire type ${tag & 7} (field ${tag >>> 3}) at byte ${this.pos}`);
    }
  }
}
