/** The shared wire layer: the writer's bytes are the documented encoding, and the reader reads them back exactly. */
import { fieldKey, FIXED64, LENGTH_DELIMITED, VARINT, WireFormatError, WireReader } from './wire-reader';
import { delimitedSize, splitInt, varint64Size, varintSize, writeVarint32, writeVarint64 } from './wire-writer';

function int64Bytes(n: bigint): Buffer {
  const u = BigInt.asUintN(64, n);
  const lo = Number(u & 0xffffffffn);
  const hi = Number(u >> 32n);
  const buf = Buffer.alloc(varint64Size(lo, hi));
  expect(writeVarint64(buf, 0, lo, hi)).toBe(buf.length);
  return buf;
}

describe('wire writer', () => {
  it('writes the varints of the protobuf encoding guide', () => {
    const buf = Buffer.alloc(2);
    expect(writeVarint32(buf, 0, 150)).toBe(2);
    expect(buf).toEqual(Buffer.from([0x96, 0x01]));
    expect(int64Bytes(-2n)).toEqual(Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(fieldKey(1, LENGTH_DELIMITED)).toBe(0x0a);
  });

  it('sizes every varint exactly as many bytes as it writes', () => {
    for (const n of [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 32 - 1]) {
      const buf = Buffer.alloc(10);
      expect([n, writeVarint32(buf, 0, n)]).toEqual([n, varintSize(n)]);
      expect(delimitedSize(n)).toBe(1 + varintSize(n) + n);
    }
    expect(splitInt(-1)).toEqual([0xffffffff, 0xffffffff]);
    expect(splitInt(2 ** 40 + 5)).toEqual([5, 2 ** 8]);
  });
});

describe('wire reader', () => {
  it('reads back every int64 boundary exactly, as text and as a number', () => {
    const cases = [0n, 1n, -1n, 2n ** 31n, -(2n ** 31n), 2n ** 32n, 2n ** 53n - 1n, -(2n ** 53n) + 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)];
    for (const n of cases) {
      expect(new WireReader(int64Bytes(n)).int64Text()).toBe(String(n));
      if (n <= 2n ** 53n - 1n && n >= -(2n ** 53n) + 1n) expect(new WireReader(int64Bytes(n)).int64Number()).toBe(Number(n));
    }
    expect(new WireReader(int64Bytes(0n)).varintIsZero()).toBe(true);
    expect(new WireReader(int64Bytes(2n ** 40n)).varintIsZero()).toBe(false);
  });

  it('reads a message of each wire type and skips the unknown ones', () => {
    const name = Buffer.from('héllo');
    const buf = Buffer.alloc(64);
    let pos = writeVarint32(buf, 0, fieldKey(1, LENGTH_DELIMITED));
    pos = writeVarint32(buf, pos, name.length);
    pos += name.copy(buf, pos);
    pos = writeVarint32(buf, pos, fieldKey(2, FIXED64));
    pos = buf.writeDoubleLE(-0.5, pos);
    pos = writeVarint32(buf, pos, fieldKey(3, VARINT));
    pos = writeVarint64(buf, pos, 0xffffffff, 0xffffffff);
    pos = writeVarint32(buf, pos, fieldKey(4, 5));
    pos = buf.writeUInt32LE(7, pos);
    const r = new WireReader(buf.subarray(0, pos));
    expect(r.varint32()).toBe(0x0a);
    expect(r.string(r.varint32())).toBe('héllo');
    expect(r.varint32()).toBe(fieldKey(2, FIXED64));
    expect(r.double()).toBe(-0.5);
    r.skip(r.varint32());
    r.skip(r.varint32());
    r.expectAt(pos);
  });

  it('refuses bytes that run past the end, overlong varints and groups', () => {
    expect(() => new WireReader(Buffer.from([0x0a, 0x05, 0x61])).skip(0x0a)).toThrow(WireFormatError);
    const r = new WireReader(Buffer.from([0x0a, 0x05, 0x61]));
    r.varint32();
    expect(() => r.end(r.varint32())).toThrow(/a field of 5 bytes at byte 2 runs past the end/);
    expect(() => new WireReader(Buffer.alloc(11, 0xff)).skipVarint()).toThrow(/varint longer than 10 bytes/);
    expect(() => new WireReader(Buffer.from([0x80, 0x80])).skipVarint()).toThrow(/varint runs past the end/);
    expect(() => new WireReader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f])).varint32()).toThrow(/varint out of range/);
    expect(() => new WireReader(Buffer.from([0x00])).skip(fieldKey(1, 3))).toThrow(/unexpected wire type 3/);
    expect(() => new WireReader(Buffer.alloc(4)).double()).toThrow(/a double runs past the end/);
  });
});
