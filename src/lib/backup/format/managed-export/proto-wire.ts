/**
 * A minimal protobuf wire-format decoder (https://protobuf.dev/programming-guides/encoding/), enough for the proto2
 * messages of a managed export: varints (64-bit values as `bigint` so nothing above 2^53 is rounded), fixed32/64,
 * length-delimited fields and the deprecated start/end groups the legacy App Engine `EntityProto` still uses.
 *
 * Every read checks the wire type the caller expects, so a misread schema fails loudly instead of drifting.
 *
 * Not built on the hot-path cursor of proto/wire-reader.ts (which the Firestore adapter uses): this reader needs
 * proto2 groups, exact 64-bit values as bigint and a bound on every byte of a sub-message, where that cursor leaves
 * bounds to its callers and splits 64-bit values into 32-bit halves. They share the wire-type constants.
 */
import * as wire from '../proto/wire-reader';

import { ManagedExportError } from './errors';

/** 0 varint, 1 fixed64, 2 length-delimited, 3 start group, 4 end group, 5 fixed32. */
export type WireType = 0 | 1 | 2 | 3 | 4 | 5;

// The one definition (proto/wire-reader.ts), bound to local constants: the field switches read them per field.
export const VARINT: WireType = wire.VARINT;
export const FIXED64: WireType = wire.FIXED64;
export const LENGTH_DELIMITED: WireType = wire.LENGTH_DELIMITED;
export const START_GROUP: WireType = wire.START_GROUP;
export const END_GROUP: WireType = wire.END_GROUP;
export const FIXED32: WireType = wire.FIXED32;

/** A decoded field key. `offset` is where the key starts, for error messages. */
export interface Tag {
  field: number;
  wireType: WireType;
  offset: number;
}

/** Called once per field; must consume the field's value with one of the typed reads, or `skip(tag)` it. */
export type FieldHandler = (tag: Tag, reader: ProtoReader) => void;

/** Groups nest only a few levels in EntityProto; the cap keeps hostile input from exhausting the stack. */
const MAX_GROUP_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Sequential reader over one protobuf message (or a slice of one). Offsets are relative to `base`. */
export class ProtoReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
    /** Added to positions in error messages, so nested readers report offsets in the outermost buffer. */
    private readonly base = 0,
  ) {
    this.pos = start;
  }

  /** Position of the next byte, relative to the outermost buffer. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Iterates the fields up to the end of this reader. An unmatched END_GROUP is an error. */
  forEachField(handler: FieldHandler): void {
    while (this.pos < this.end) {
      const tag = this.readTag();
      if (tag.wireType === END_GROUP) throw this.error(`unexpected end of group ${tag.field}`, tag.offset);
      handler(tag, this);
    }
  }

  /** Reads the fields of the group opened by `tag` up to its matching END_GROUP. */
  group(tag: Tag, handler: FieldHandler): void {
    this.expect(tag, START_GROUP);
    for (;;) {
      if (this.pos >= this.end) throw this.error(`group ${tag.field} is not closed`, tag.offset);
      const inner = this.readTag();
      if (inner.wireType === END_GROUP) {
        if (inner.field !== tag.field) throw this.error(`group ${tag.field} closed as ${inner.field}`, inner.offset);
        return;
      }
      handler(inner, this);
    }
  }

  /** Unsigned 64-bit varint. */
  uint64(tag: Tag): bigint {
    this.expect(tag, VARINT);
    return this.readVarint64();
  }

  /** Two's-complement signed 64-bit varint (proto `int64`). */
  int64(tag: Tag): bigint {
    return BigInt.asIntN(64, this.uint64(tag));
  }

  /** A varint that must fit a JS number exactly (enums, small counters). */
  uint(tag: Tag): number {
    const value = this.uint64(tag);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw this.error(`field ${tag.field} is too large`, tag.offset);
    return Number(value);
  }

  bool(tag: Tag): boolean {
    return this.uint64(tag) !== 0n;
  }

  /** IEEE 754 double from a little-endian fixed64; NaN payloads and the sign of zero are preserved. */
  double(tag: Tag): number {
    this.expect(tag, FIXED64);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.take(8), 8);
    return view.getFloat64(0, true);
  }

  /** The raw bytes of a length-delimited field, without copying. */
  bytes(tag: Tag): Uint8Array {
    this.expect(tag, LENGTH_DELIMITED);
    const length = this.readVarintNumber();
    const at = this.take(length);
    return this.buf.subarray(at, at + length);
  }

  /** A length-delimited field decoded as strict UTF-8 (invalid sequences are errors, not U+FFFD). */
  string(tag: Tag): string {
    const raw = this.bytes(tag);
    try {
      return utf8.decode(raw);
    } catch (cause) {
      throw this.error(`field ${tag.field} is not valid UTF-8`, tag.offset, cause);
    }
  }

  /** A reader over an embedded (length-delimited) message. */
  message(tag: Tag): ProtoReader {
    this.expect(tag, LENGTH_DELIMITED);
    const length = this.readVarintNumber();
    const at = this.take(length);
    return new ProtoReader(this.buf, at, at + length, this.base);
  }

  /** Skips the value of an unknown field, including whole groups. */
  skip(tag: Tag, depth = 0): void {
    switch (tag.wireType) {
      case VARINT:
        this.readVarint64();
        return;
      case FIXED64:
        this.take(8);
        return;
      case FIXED32:
        this.take(4);
        return;
      case LENGTH_DELIMITED:
        this.take(this.readVarintNumber());
        return;
      case START_GROUP:
        if (depth >= MAX_GROUP_DEPTH) throw this.error('groups nested too deeply', tag.offset);
        this.group(tag, (inner) => {
          this.skip(inner, depth + 1);
        });
        return;
      case END_GROUP:
        throw this.error(`unexpected end of group ${tag.field}`, tag.offset);
    }
  }

  private readTag(): Tag {
    const offset = this.offset;
    const key = this.readVarintNumber();
    const wireType = key & 7;
    const field = Math.floor(key / 8);
    if (wireType > 5) throw this.error(`invalid wire type ${wireType}`, offset);
    if (field === 0) throw this.error('field number 0', offset);
    return { field, wireType: wireType as WireType, offset };
  }

  /**
   * Varints for lengths and keys, decoded without bigint because they are most of the varints in a record. Values
   * beyond 2^53 are rejected rather than rounded; no real length or key comes close.
   */
  private readVarintNumber(): number {
    const startOffset = this.offset;
    let value = 0;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.end) throw this.error('varint runs past the end of the message', startOffset);
      const byte = this.buf[this.pos++] as number;
      value += (byte & 0x7f) * 2 ** (7 * i);
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) break;
        return value;
      }
    }
    throw this.error('length or key out of range', startOffset);
  }

  /** Accumulates 7-bit groups in plain numbers (two 28-bit halves plus the top bits) and builds one bigint. */
  private readVarint64(): bigint {
    const startOffset = this.offset;
    const first = this.buf[this.pos];
    if (first !== undefined && first < 0x80 && this.pos < this.end) {
      this.pos++;
      return BigInt(first);
    }
    let low = 0;
    let mid = 0;
    let high = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw this.error('varint runs past the end of the message', startOffset);
      const byte = this.buf[this.pos++] as number;
      const bits = byte & 0x7f;
      if (i < 4) low += bits * 2 ** (7 * i);
      else if (i < 8) mid += bits * 2 ** (7 * (i - 4));
      else high += bits * 2 ** (7 * (i - 8));
      if (byte < 0x80) {
        if (i === 9 && byte > 1) throw this.error('varint exceeds 64 bits', startOffset);
        return BigInt.asUintN(64, BigInt(low) | (BigInt(mid) << 28n) | (BigInt(high) << 56n));
      }
    }
    throw this.error('varint longer than 10 bytes', startOffset);
  }

  /** Reserves `length` bytes and returns where they start. */
  private take(length: number): number {
    if (length > this.end - this.pos) {
      throw this.error(`needs ${length} bytes but only ${this.end - this.pos} remain`, this.offset);
    }
    const at = this.pos;
    this.pos += length;
    return at;
  }

  private expect(tag: Tag, wireType: WireType): void {
    if (tag.wireType !== wireType) {
      throw this.error(`field ${tag.field} has wire type ${tag.wireType}, expected ${wireType}`, tag.offset);
    }
  }

  private error(reason: string, offset: number, cause?: unknown): ManagedExportError {
    return new ManagedExportError('CORRUPT', `malformed protobuf at message byte ${offset}: ${reason}`, {}, { cause });
  }
}
