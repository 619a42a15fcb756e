/**
 * The protobuf wire-format writer primitives (https://protobuf.dev/programming-guides/encoding/) of the hot encode
 * paths, the mirror of wire-reader.ts: sizes first, then bytes into one preallocated buffer. 64-bit values travel as
 * two unsigned 32-bit halves of their two's complement, so nothing allocates or goes through bigint per value.
 */

/** Encoded size of a varint of at most 32 bits. */
export function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/** Encoded size of a 64-bit varint given as unsigned 32-bit halves. */
export function varint64Size(lo: number, hi: number): number {
  if (hi === 0) return varintSize(lo);
  // Bits above 32: each 7 more bits one more byte (hi < 2^4 fits in the 5th byte with lo's top 4 bits).
  const bits = 32 + (32 - Math.clz32(hi));
  return Math.ceil(bits / 7);
}

/** Size of a length-delimited field whose key fits one byte (field numbers up to 15) and whose body has `length` bytes. */
export function delimitedSize(length: number): number {
  return 1 + varintSize(length) + length;
}

/** Writes a varint of at most 32 bits at `pos`; returns the position after it. */
export function writeVarint32(buf: Buffer, pos: number, n: number): number {
  while (n >= 0x80) {
    buf[pos++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[pos++] = n;
  return pos;
}

/** Writes a 64-bit varint given as unsigned 32-bit halves at `pos`; returns the position after it. */
export function writeVarint64(buf: Buffer, pos: number, lo: number, hi: number): number {
  if (hi === 0) return writeVarint32(buf, pos, lo);
  for (let i = 0; i < 4; i++) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo >>>= 7;
  }
  // 5th byte: lo's top 4 bits and hi's low 3.
  let b = lo | ((hi & 0x7) << 4);
  hi >>>= 3;
  while (hi !== 0) {
    buf[pos++] = b | 0x80;
    b = hi & 0x7f;
    hi >>>= 7;
  }
  buf[pos++] = b;
  return pos;
}

/** An integer within ±2^53 as unsigned 32-bit halves of its 64-bit two's complement. */
export function splitInt(n: number): [number, number] {
  const lo = n >>> 0;
  const hi = Math.floor(n / 4294967296) >>> 0;
  return [lo, hi];
}
