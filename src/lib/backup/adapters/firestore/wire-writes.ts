/**
 * Restore writes encoded straight from logical-format documents to protobuf bytes (google/firestore/v1 write.proto
 * `Write`, document.proto `Document`/`Value`), for `BatchWrite` requests sent as bytes (gapic-connection.ts).
 *
 * Why: a restore's writes share the machine's CPUs with the database serving them, and the SDK path built a proto
 * object tree per document (jsonToProto), which protobufjs then copied (`fromObject`) and encoded: three passes and
 * their garbage. This encoder validates and encodes in two passes over the JSON (sizes, then bytes into one buffer).
 *
 * The bytes equal protobufjs's encoding of `jsonToProto`'s output (fields in field-number order, map entries in the
 * object's key order; tested), and every value is checked exactly as jsonToProto checks it, with the same messages
 * naming the field, so a damaged backup line fails before anything is written. One check more: a string (value or
 * key) must be well-formed Unicode, because no UTF-8 encoding of a lone surrogate exists — encoding it would change
 * the data.
 */
import { EngineError } from '../../errors';
import type { DocumentJson, FirestoreValueJson } from '../../format/firestore-value-json';

import { parseTimestamp } from './timestamps';
import { DOUBLE_EXPECTED, doubleFromJson } from './value-proto';

const INTEGER = /^-?\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** What a `Write` carries besides the document (write-plan.ts decides per restore mode). */
export interface WriteExtras {
  /** `update_mask.field_paths` (merge). */
  maskPaths?: string[];
  /** `current_document.exists = false` (skip-existing). */
  mustNotExist?: boolean;
}

/** A bad value, and where it sits below the document (built while unwinding, only on failure). */
class BadValue extends Error {
  constructor(
    readonly what: string,
    public path = '',
  ) {
    super(what);
  }
}

/**
 * `Write{update: Document{name, fields}, update_mask?, current_document?}` as bytes. Throws EngineError
 * `invalid_argument` naming `docPath` and the field on a value jsonToProto would refuse.
 */
export function encodeUpdateWrite(name: string, docPath: string, fields: DocumentJson['fields'], extras: WriteExtras = {}): Buffer {
  const enc = new Encoder();
  try {
    return enc.updateWrite(name, fields, extras);
  } catch (err) {
    if (err instanceof BadValue) throw new EngineError('invalid_argument', `${docPath}${err.path}: ${err.what}`);
    throw err;
  }
}

/** `Write{delete: name}` as bytes. */
export function encodeDeleteWrite(name: string): Buffer {
  const length = Buffer.byteLength(name);
  const buf = Buffer.allocUnsafe(1 + varintSize(length) + length);
  buf[0] = (2 << 3) | 2;
  buf.write(name, writeVarint32(buf, 1, length), length, 'utf8');
  return buf;
}

/** `BatchWriteRequest{database, writes}` from encoded writes. */
export function encodeBatchWriteRequest(database: string, writes: readonly Buffer[]): Buffer {
  const dbLength = Buffer.byteLength(database);
  let size = 1 + varintSize(dbLength) + dbLength;
  for (const w of writes) size += 1 + varintSize(w.length) + w.length;
  const buf = Buffer.allocUnsafe(size);
  buf[0] = (1 << 3) | 2;
  let pos = writeVarint32(buf, 1, dbLength);
  pos += buf.write(database, pos, dbLength, 'utf8');
  for (const w of writes) {
    buf[pos++] = (2 << 3) | 2;
    pos = writeVarint32(buf, pos, w.length);
    pos += w.copy(buf, pos);
  }
  return buf;
}

function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

function writeVarint32(buf: Buffer, pos: number, n: number): number {
  while (n >= 0x80) {
    buf[pos++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[pos++] = n;
  return pos;
}

/** The size of a 64-bit varint given as unsigned 32-bit halves. */
function varint64Size(lo: number, hi: number): number {
  if (hi === 0) return varintSize(lo);
  // Bits above 32: each 7 more bits one more byte (hi < 2^4 fits in the 5th byte with lo's top 4 bits).
  const bits = 32 + (32 - Math.clz32(hi));
  return Math.ceil(bits / 7);
}

const NULL_KIND = 1;
const BOOL_KIND = 2;
const INT_KIND = 3;
const DOUBLE_KIND = 4;
const TIMESTAMP_KIND = 5;
const STRING_KIND = 6;
const BYTES_KIND = 7;
const REFERENCE_KIND = 8;
const GEO_KIND = 9;
const ARRAY_KIND = 10;
const MAP_KIND = 11;

/**
 * Two passes: `size*` walks the JSON, checks every value and records, in visiting order, each length the bytes will
 * need (nested messages, strings) and each decoded scalar (integers, doubles, timestamps); `write*` walks it again in
 * the same order and consumes them.
 */
class Encoder {
  /** Lengths and scalars in visiting order. */
  readonly #nums: number[] = [];
  #ni = 0;
  #buf: Buffer = Buffer.alloc(0);
  #pos = 0;

  updateWrite(name: string, fields: DocumentJson['fields'], extras: WriteExtras): Buffer {
    // Sizes.
    const docSlot = this.#reserve();
    const nameLength = this.#stringSize(name);
    const docSize = 1 + varintSize(nameLength) + nameLength + this.#fieldsSize(fields);
    this.#nums[docSlot] = docSize;
    let size = 1 + varintSize(docSize) + docSize;
    let maskSize = 0;
    if (extras.maskPaths !== undefined) {
      for (const p of extras.maskPaths) {
        const n = this.#stringSize(p);
        maskSize += 1 + varintSize(n) + n;
      }
      size += 1 + varintSize(maskSize) + maskSize;
    }
    if (extras.mustNotExist === true) size += 4; // tag, length 2, `exists` tag, false
    // Bytes.
    this.#buf = Buffer.allocUnsafe(size);
    this.#pos = 0;
    this.#ni = 0;
    this.#tag(1, 2);
    this.#varint(this.#next());
    this.#string(1, name);
    this.#fields(2, fields);
    if (extras.maskPaths !== undefined) {
      this.#tag(3, 2);
      this.#varint(maskSize);
      for (const p of extras.maskPaths) this.#string(1, p);
    }
    if (extras.mustNotExist === true) {
      this.#tag(4, 2);
      this.#varint(2);
      this.#tag(1, 0);
      this.#varint(0);
    }
    if (this.#pos !== size) throw new EngineError('internal', `write encoding of ${name}: ${this.#pos} bytes written, ${size} planned`);
    return this.#buf;
  }

  #reserve(): number {
    this.#nums.push(0);
    return this.#nums.length - 1;
  }

  #stringSize(s: string): number {
    if (!s.isWellFormed()) throw new BadValue('a string must be well-formed Unicode (it holds a lone surrogate)');
    const n = Buffer.byteLength(s, 'utf8');
    this.#nums.push(n);
    return n;
  }

  /** Size of the map entries of `fields` as repeated field entries (tags and lengths included). */
  #fieldsSize(fields: Record<string, FirestoreValueJson>): number {
    let size = 0;
    let key = '';
    try {
      for (key in fields) {
        const entrySlot = this.#reserve();
        const keyLength = this.#stringSize(key);
        const valueSlot = this.#reserve();
        const valueSize = this.#valueSize(fields[key] as FirestoreValueJson);
        this.#nums[valueSlot] = valueSize;
        const entrySize = 1 + varintSize(keyLength) + keyLength + 1 + varintSize(valueSize) + valueSize;
        this.#nums[entrySlot] = entrySize;
        size += 1 + varintSize(entrySize) + entrySize;
      }
    } catch (err) {
      if (err instanceof BadValue) err.path = `.${key}${err.path}`;
      throw err;
    }
    return size;
  }

  /** Size of a Value message's body. Records the kind first, then what the kind needs. */
  #valueSize(value: FirestoreValueJson): number {
    const v = value as Record<string, unknown>;
    if (v === null || typeof v !== 'object') throw new BadValue(`not a Firestore value: ${String(JSON.stringify(value)).slice(0, 200)}`);
    if ('nullValue' in v) {
      this.#nums.push(NULL_KIND);
      return 2; // tag of field 11, varint 0
    }
    if ('booleanValue' in v) {
      this.#nums.push(BOOL_KIND);
      return 2;
    }
    if ('integerValue' in v) {
      this.#nums.push(INT_KIND);
      const [lo, hi] = this.#int64(v.integerValue);
      return 1 + varint64Size(lo, hi);
    }
    if ('doubleValue' in v) {
      this.#nums.push(DOUBLE_KIND, decodeDouble(v.doubleValue));
      return 9;
    }
    if ('timestampValue' in v) {
      let ts: { seconds: string; nanos: number };
      try {
        ts = parseTimestamp(v.timestampValue as string, '');
      } catch (err) {
        throw new BadValue(err instanceof Error ? err.message.replace(/^: /, '') : String(err));
      }
      const seconds = Number(ts.seconds);
      const [slo, shi] = splitInt(seconds);
      const body = 1 + varint64Size(slo, shi) + 1 + varintSize(ts.nanos);
      this.#nums.push(TIMESTAMP_KIND, body, slo, shi, ts.nanos);
      return 1 + varintSize(body) + body;
    }
    if ('stringValue' in v) {
      this.#nums.push(STRING_KIND);
      const n = this.#stringSize(v.stringValue as string);
      return 2 + varintSize(n) + n;
    }
    if ('bytesValue' in v) {
      const text = v.bytesValue;
      if (typeof text !== 'string' || !BASE64.test(text)) throw new BadValue('bytesValue is not standard padded base64');
      const n = Buffer.byteLength(text, 'base64');
      this.#nums.push(BYTES_KIND, n);
      return 2 + varintSize(n) + n;
    }
    if ('referenceValue' in v) {
      this.#nums.push(REFERENCE_KIND);
      const n = this.#stringSize(v.referenceValue as string);
      return 1 + varintSize(n) + n;
    }
    if ('geoPointValue' in v) {
      this.#nums.push(GEO_KIND);
      return 1 + 1 + 18;
    }
    if ('arrayValue' in v) {
      this.#nums.push(ARRAY_KIND);
      const slot = this.#reserve();
      const values = ((v.arrayValue as { values?: FirestoreValueJson[] } | null)?.values ?? []) as FirestoreValueJson[];
      let body = 0;
      for (let i = 0; i < values.length; i++) {
        const itemSlot = this.#reserve();
        let item: number;
        try {
          item = this.#valueSize(values[i] as FirestoreValueJson);
        } catch (err) {
          if (err instanceof BadValue) err.path = `[${i}]${err.path}`;
          throw err;
        }
        this.#nums[itemSlot] = item;
        body += 1 + varintSize(item) + item;
      }
      this.#nums[slot] = body;
      return 1 + varintSize(body) + body;
    }
    if ('mapValue' in v) {
      this.#nums.push(MAP_KIND);
      const slot = this.#reserve();
      const body = this.#fieldsSize(((v.mapValue as { fields?: Record<string, FirestoreValueJson> } | null)?.fields ?? {}) as Record<string, FirestoreValueJson>);
      this.#nums[slot] = body;
      return 1 + varintSize(body) + body;
    }
    throw new BadValue(`not a Firestore value: ${String(JSON.stringify(value)).slice(0, 200)}`);
  }

  /** A decimal int64 as two's-complement 32-bit halves, recorded for the write pass. */
  #int64(text: unknown): [number, number] {
    if (typeof text !== 'string' || !INTEGER.test(text)) throw new BadValue(`integerValue must be a decimal string, got ${JSON.stringify(text)}`);
    let lo: number;
    let hi: number;
    if (text.length <= 15) [lo, hi] = splitInt(Number(text));
    else {
      const n = BigInt(text);
      if (n < INT64_MIN || n > INT64_MAX) throw new BadValue(`integerValue ${text} is outside the 64-bit range`);
      const u = BigInt.asUintN(64, n);
      lo = Number(u & 0xffffffffn);
      hi = Number(u >> 32n);
    }
    this.#nums.push(lo, hi);
    return [lo, hi];
  }

  #fields(field: number, fields: Record<string, FirestoreValueJson>): void {
    for (const key in fields) {
      this.#tag(field, 2);
      this.#varint(this.#next());
      this.#string(1, key);
      this.#tag(2, 2);
      this.#varint(this.#next());
      this.#value(fields[key] as FirestoreValueJson);
    }
  }

  #value(value: FirestoreValueJson): void {
    const v = value as Record<string, unknown>;
    switch (this.#next()) {
      case NULL_KIND:
        this.#tag(11, 0);
        this.#varint(0);
        return;
      case BOOL_KIND:
        this.#tag(1, 0);
        this.#varint(v.booleanValue === true ? 1 : 0);
        return;
      case INT_KIND:
        this.#tag(2, 0);
        this.#varint64(this.#next(), this.#next());
        return;
      case DOUBLE_KIND:
        this.#tag(3, 1);
        this.#buf.writeDoubleLE(this.#next(), this.#pos);
        this.#pos += 8;
        return;
      case TIMESTAMP_KIND: {
        this.#tag(10, 2);
        this.#varint(this.#next());
        this.#tag(1, 0);
        this.#varint64(this.#next(), this.#next());
        this.#tag(2, 0);
        this.#varint(this.#next());
        return;
      }
      case STRING_KIND:
        this.#string(17, v.stringValue as string);
        return;
      case BYTES_KIND: {
        const n = this.#next();
        this.#tag(18, 2);
        this.#varint(n);
        this.#pos += this.#buf.write(v.bytesValue as string, this.#pos, n, 'base64');
        return;
      }
      case REFERENCE_KIND:
        this.#string(5, v.referenceValue as string);
        return;
      case GEO_KIND: {
        const geo = v.geoPointValue as { latitude?: unknown; longitude?: unknown } | null;
        this.#tag(8, 2);
        this.#varint(18);
        this.#tag(1, 1);
        this.#buf.writeDoubleLE(Number(geo?.latitude ?? 0), this.#pos);
        this.#pos += 8;
        this.#tag(2, 1);
        this.#buf.writeDoubleLE(Number(geo?.longitude ?? 0), this.#pos);
        this.#pos += 8;
        return;
      }
      case ARRAY_KIND: {
        this.#tag(9, 2);
        this.#varint(this.#next());
        for (const item of ((v.arrayValue as { values?: FirestoreValueJson[] } | null)?.values ?? []) as FirestoreValueJson[]) {
          this.#tag(1, 2);
          this.#varint(this.#next());
          this.#value(item);
        }
        return;
      }
      default: {
        this.#tag(6, 2);
        this.#varint(this.#next());
        this.#fields(1, ((v.mapValue as { fields?: Record<string, FirestoreValueJson> } | null)?.fields ?? {}) as Record<string, FirestoreValueJson>);
      }
    }
  }

  #next(): number {
    return this.#nums[this.#ni++] as number;
  }

  #tag(field: number, wireType: number): void {
    this.#varint((field << 3) | wireType);
  }

  #varint(n: number): void {
    this.#pos = writeVarint32(this.#buf, this.#pos, n);
  }

  #varint64(lo: number, hi: number): void {
    if (hi === 0) {
      this.#varint(lo);
      return;
    }
    const buf = this.#buf;
    for (let i = 0; i < 4; i++) {
      buf[this.#pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    // 5th byte: lo's top 4 bits and hi's low 3.
    let b = lo | ((hi & 0x7) << 4);
    hi >>>= 3;
    while (hi !== 0) {
      buf[this.#pos++] = b | 0x80;
      b = hi & 0x7f;
      hi >>>= 7;
    }
    buf[this.#pos++] = b;
  }

  #string(field: number, s: string): void {
    const n = this.#next();
    this.#tag(field, 2);
    this.#varint(n);
    this.#pos += this.#buf.write(s, this.#pos, n, 'utf8');
  }
}

/** An integer within ±2^53 as unsigned 32-bit halves of its 64-bit two's complement. */
function splitInt(n: number): [number, number] {
  const lo = n >>> 0;
  const hi = Math.floor(n / 4294967296) >>> 0;
  return [lo, hi];
}

function decodeDouble(value: unknown): number {
  const d = doubleFromJson(value);
  if (d === undefined) throw new BadValue(`${DOUBLE_EXPECTED}, got ${JSON.stringify(value)}`);
  return d;
}
