/**
 * A tiny protobuf encoder for building hand-made export records in tests. It mirrors `proto-wire.ts` on purpose:
 * tests that decode what this writes prove the two agree; tests against real emulator bytes prove both are right.
 */
import { END_GROUP, FIXED32, FIXED64, LENGTH_DELIMITED, START_GROUP, VARINT, type WireType } from '../proto-wire';

const encoder = new TextEncoder();

export class ProtoWriter {
  private readonly chunks: number[] = [];

  /** Appends raw bytes verbatim (for crafting malformed input). */
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.chunks.push(bytes[i] as number);
    return this;
  }

  tag(field: number, wireType: WireType): this {
    return this.writeVarint(BigInt(field) * 8n + BigInt(wireType));
  }

  /** Varint field; negative values are written as 10-byte two's complement, like proto `int64`. */
  varint(field: number, value: bigint | number | boolean): this {
    const v = typeof value === 'boolean' ? (value ? 1n : 0n) : BigInt(value);
    return this.tag(field, VARINT).writeVarint(BigInt.asUintN(64, v));
  }

  double(field: number, value: number): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    return this.tag(field, FIXED64).raw(bytes);
  }

  fixed32(field: number, value: number): this {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value, true);
    return this.tag(field, FIXED32).raw(bytes);
  }

  bytes(field: number, value: Uint8Array | ProtoWriter): this {
    const data = value instanceof ProtoWriter ? value.finish() : value;
    return this.tag(field, LENGTH_DELIMITED).writeVarint(BigInt(data.length)).raw(data);
  }

  string(field: number, value: string): this {
    return this.bytes(field, encoder.encode(value));
  }

  group(field: number, body: (w: ProtoWriter) => void): this {
    this.tag(field, START_GROUP);
    body(this);
    return this.tag(field, END_GROUP);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private writeVarint(value: bigint): this {
    let v = value;
    while (v >= 0x80n) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
    return this;
  }
}
