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
import * as wire from '../../format/proto/wire-writer';

import * as values from './write-values';

// Bound once: these run for every value, and under CommonJS (tsx, Jest) an imported binding is a getter call on each use.
const { delimitedSize, splitInt, varint64Size, varintSize, writeVarint32, writeVarint64 } = wire;
const { arrayValues, BadValue, base64Length, decodeDouble, int64Halves, mapFields, timestampParts } = values;

/** What a `Write` carries besides the document (write-plan.ts decides per restore mode). */
export interface WriteExtras {
  /** `update_mask.field_paths` (merge). */
  maskPaths?: string[];
  /** `current_document.exists = false` (skip-existing). */
  mustNotExist?: boolean;
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
  const buf = Buffer.allocUnsafe(delimitedSize(length));
  buf[0] = (2 << 3) | 2;
  buf.write(name, writeVarint32(buf, 1, length), length, 'utf8');
  return buf;
}

/** `BatchWriteRequest{database, writes}` from encoded writes. */
export function encodeBatchWriteRequest(database: string, writes: readonly Buffer[]): Buffer {
  const dbLength = Buffer.byteLength(database);
  let size = delimitedSize(dbLength);
  for (const w of writes) size += delimitedSize(w.length);
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
    const docSize = delimitedSize(nameLength) + this.#fieldsSize(fields);
    this.#nums[docSlot] = docSize;
    let size = delimitedSize(docSize);
    let maskSize = 0;
    if (extras.maskPaths !== undefined) {
      for (const p of extras.maskPaths) {
        maskSize += delimitedSize(this.#stringSize(p));
      }
      size += delimitedSize(maskSize);
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
        const entrySize = delimitedSize(keyLength) + delimitedSize(valueSize);
        this.#nums[entrySlot] = entrySize;
        size += delimitedSize(entrySize);
      }
    } catch (err) {
      if (err instanceof BadValue) err.path = `.${key}${err.path}`;
      throw err;
    }
    return size;
  }

  /**
   * Size of a Value message's body. Records the kind first, then what the kind needs. The first value_type key
   * present decides, in this order.
   */
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
      const [lo, hi] = int64Halves(v.integerValue);
      this.#nums.push(INT_KIND, lo, hi);
      return 1 + varint64Size(lo, hi);
    }
    if ('doubleValue' in v) {
      this.#nums.push(DOUBLE_KIND, decodeDouble(v.doubleValue));
      return 9;
    }
    if ('timestampValue' in v) return this.#timestampSize(v.timestampValue);
    if ('stringValue' in v) {
      this.#nums.push(STRING_KIND);
      return 1 + delimitedSize(this.#stringSize(v.stringValue as string));
    }
    if ('bytesValue' in v) return this.#bytesSize(v.bytesValue);
    if ('referenceValue' in v) {
      this.#nums.push(REFERENCE_KIND);
      return delimitedSize(this.#stringSize(v.referenceValue as string));
    }
    if ('geoPointValue' in v) {
      this.#nums.push(GEO_KIND);
      return 1 + 1 + 18;
    }
    if ('arrayValue' in v) return this.#arraySize(v.arrayValue);
    if ('mapValue' in v) return this.#mapSize(v.mapValue);
    throw new BadValue(`not a Firestore value: ${String(JSON.stringify(value)).slice(0, 200)}`);
  }

  #timestampSize(text: unknown): number {
    const ts = timestampParts(text);
    const [slo, shi] = splitInt(Number(ts.seconds));
    const body = 1 + varint64Size(slo, shi) + 1 + varintSize(ts.nanos);
    this.#nums.push(TIMESTAMP_KIND, body, slo, shi, ts.nanos);
    return delimitedSize(body);
  }

  #bytesSize(text: unknown): number {
    const n = base64Length(text);
    this.#nums.push(BYTES_KIND, n);
    return 1 + delimitedSize(n);
  }

  #arraySize(array: unknown): number {
    this.#nums.push(ARRAY_KIND);
    const slot = this.#reserve();
    const values = arrayValues(array);
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
      body += delimitedSize(item);
    }
    this.#nums[slot] = body;
    return delimitedSize(body);
  }

  #mapSize(map: unknown): number {
    this.#nums.push(MAP_KIND);
    const slot = this.#reserve();
    const body = this.#fieldsSize(mapFields(map));
    this.#nums[slot] = body;
    return delimitedSize(body);
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

  /** Writes a Value message's body, consuming what #valueSize recorded for it. */
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
        this.#double(this.#next());
        return;
      case TIMESTAMP_KIND:
        this.#timestamp();
        return;
      case STRING_KIND:
        this.#string(17, v.stringValue as string);
        return;
      case BYTES_KIND:
        this.#bytes(v.bytesValue as string);
        return;
      case REFERENCE_KIND:
        this.#string(5, v.referenceValue as string);
        return;
      case GEO_KIND:
        this.#geoPoint(v.geoPointValue as { latitude?: unknown; longitude?: unknown } | null);
        return;
      case ARRAY_KIND:
        this.#array(arrayValues(v.arrayValue));
        return;
      default:
        this.#tag(6, 2);
        this.#varint(this.#next());
        this.#fields(1, mapFields(v.mapValue));
    }
  }

  #timestamp(): void {
    this.#tag(10, 2);
    this.#varint(this.#next());
    this.#tag(1, 0);
    this.#varint64(this.#next(), this.#next());
    this.#tag(2, 0);
    this.#varint(this.#next());
  }

  #bytes(base64: string): void {
    const n = this.#next();
    this.#tag(18, 2);
    this.#varint(n);
    this.#pos += this.#buf.write(base64, this.#pos, n, 'base64');
  }

  #geoPoint(geo: { latitude?: unknown; longitude?: unknown } | null): void {
    this.#tag(8, 2);
    this.#varint(18);
    this.#tag(1, 1);
    this.#double(Number(geo?.latitude ?? 0));
    this.#tag(2, 1);
    this.#double(Number(geo?.longitude ?? 0));
  }

  #array(values: FirestoreValueJson[]): void {
    this.#tag(9, 2);
    this.#varint(this.#next());
    for (const item of values) {
      this.#tag(1, 2);
      this.#varint(this.#next());
      this.#value(item);
    }
  }

  #double(d: number): void {
    this.#buf.writeDoubleLE(d, this.#pos);
    this.#pos += 8;
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
    this.#pos = writeVarint64(this.#buf, this.#pos, lo, hi);
  }

  #string(field: number, s: string): void {
    const n = this.#next();
    this.#tag(field, 2);
    this.#varint(n);
    this.#pos += this.#buf.write(s, this.#pos, n, 'utf8');
  }
}
