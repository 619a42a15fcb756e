import { ManagedExportError } from './errors';
import { ProtoReader, type Tag } from './proto-wire';
import { ProtoWriter } from './testing/proto-writer';

/** Collects `field → value` using the given read for every field. */
function readAll<T>(bytes: Uint8Array, read: (tag: Tag, r: ProtoReader) => T): [number, T][] {
  const out: [number, T][] = [];
  new ProtoReader(bytes).forEachField((tag, r) => out.push([tag.field, read(tag, r)]));
  return out;
}

function skipAll(reader: ProtoReader): void {
  reader.forEachField((tag, r) => {
    r.skip(tag);
  });
}

function decodeError(fn: () => unknown): ManagedExportError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ManagedExportError) return err;
    throw err;
  }
  throw new Error('expected a ManagedExportError');
}

describe('ProtoReader', () => {
  it('decodes 64-bit varints exactly, signed and unsigned', () => {
    const w = new ProtoWriter()
      .varint(1, 0n)
      .varint(2, 9007199254740993n)
      .varint(3, -9223372036854775808n)
      .varint(4, -1n)
      .varint(5, 18446744073709551615n);
    const bytes = w.finish();
    expect(readAll(bytes, (t, r) => r.int64(t))).toEqual([
      [1, 0n],
      [2, 9007199254740993n],
      [3, -9223372036854775808n],
      [4, -1n],
      [5, -1n],
    ]);
    expect(readAll(bytes, (t, r) => r.uint64(t))[4]).toEqual([5, 18446744073709551615n]);
  });

  it('reads doubles bit-exactly, including -0 and NaN', () => {
    const bytes = new ProtoWriter().double(1, -0).double(2, NaN).double(3, 1.5).double(4, -Infinity).finish();
    const values = readAll(bytes, (t, r) => r.double(t)).map(([, d]) => d);
    expect(Object.is(values[0], -0)).toBe(true);
    expect(values.slice(1)).toEqual([NaN, 1.5, -Infinity]);
  });

  it('reads strings as strict UTF-8 and keeps a leading byte-order mark', () => {
    const bytes = new ProtoWriter().string(1, '\uFEFFhé 🌍').finish();
    expect(readAll(bytes, (t, r) => r.string(t))).toEqual([[1, '\uFEFFhé 🌍']]);
    const invalid = new ProtoWriter().bytes(1, Uint8Array.from([0x68, 0xc3])).finish();
    expect(decodeError(() => readAll(invalid, (t, r) => r.string(t))).message).toMatch(/not valid UTF-8/);
  });

  it('walks groups and skips unknown fields of every wire type, nested groups included', () => {
    const bytes = new ProtoWriter()
      .fixed32(9, 7)
      .group(5, (g) => g.double(6, 1).group(8, (inner) => inner.string(1, 'skipped')).double(7, 2))
      .varint(10, 3)
      .finish();
    const seen: number[] = [];
    new ProtoReader(bytes).forEachField((tag, r) => {
      if (tag.field !== 5) {
        r.skip(tag);
        return;
      }
      r.group(tag, (t, gr) => {
        if (t.field === 8) gr.skip(t);
        else seen.push(gr.double(t));
      });
    });
    expect(seen).toEqual([1, 2]);
  });

  it('rejects a wire type that does not match the expected one', () => {
    const bytes = new ProtoWriter().string(1, 'x').finish();
    expect(decodeError(() => readAll(bytes, (t, r) => r.uint64(t))).message).toMatch(/wire type 2, expected 0/);
  });

  it.each([
    ['a varint cut off by the end of the message', [0x08, 0x80]],
    ['a varint longer than 10 bytes', [0x08, ...new Array<number>(10).fill(0xff), 0x01]],
    ['a 10-byte varint above 64 bits', [0x08, ...new Array<number>(9).fill(0xff), 0x02]],
    ['a length beyond the message', [0x0a, 0x05, 0x61]],
    ['a fixed64 cut short', [0x09, 1, 2, 3]],
    ['an unclosed group', [0x2b, 0x30, 0x01]],
    ['a group closed with another field number', [0x2b, 0x34]],
    ['an end-group without a start', [0x2c]],
    ['wire type 7', [0x0f]],
    ['field number 0', [0x00, 0x01]],
  ])('reports %s as CORRUPT', (_, raw) => {
    const bytes = Uint8Array.from(raw);
    const err = decodeError(() => {
      skipAll(new ProtoReader(bytes));
    });
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toMatch(/malformed protobuf at message byte \d+/);
  });

  it('limits group nesting so hostile input cannot exhaust the stack', () => {
    const depth = 200;
    const bytes = Uint8Array.from([...new Array<number>(depth).fill(0x0b), ...new Array<number>(depth).fill(0x0c)]);
    const err = decodeError(() => {
      skipAll(new ProtoReader(bytes));
    });
    expect(err.message).toMatch(/nested too deeply/);
  });

  it('reports offsets relative to the outermost buffer for embedded messages', () => {
    const inner = Uint8Array.from([0x08, 0x80]);
    const bytes = new ProtoWriter().string(1, 'abc').bytes(2, inner).finish();
    const err = decodeError(() => {
      new ProtoReader(bytes).forEachField((tag, r) => {
        if (tag.field === 2) skipAll(r.message(tag));
        else r.skip(tag);
      });
    });
    expect(err.message).toContain(`message byte ${bytes.length - inner.length + 1}`);
  });
});
