/**
 * Streamed Firestore responses (RunQuery, BatchGetDocuments) straight from their protobuf bytes to logical-format
 * chunk lines.
 *
 * A backup's read shares the machine's CPUs with whatever serves it (on the emulator, the database itself: measured
 * ~1.1 of 2 cores during a bare read), so every CPU-second spent per document is wall time. The SDK path decodes
 * each response into protobufjs messages, copies them into plain objects (int64 through Long), converts those to
 * Value JSON objects and prints them with JSON.stringify: four passes and a tree of garbage per document. This
 * decoder walks the wire bytes once and prints the line as it goes.
 *
 * Its output is byte-identical to `documentToLine(documentFromProto(…))` on the SDK's decoding of the same bytes,
 * including JavaScript's object key order (integer-like keys first, ascending) — tested on random documents of every
 * value type. Wire format: https://protobuf.dev/programming-guides/encoding/; messages: google/firestore/v1
 * (query.proto RunQueryResponse, document.proto Document/Value/ArrayValue/MapValue, google/type/latlng.proto,
 * google/protobuf/timestamp.proto); the wire layer itself is format/proto/wire-reader.ts.
 */
import { EngineError } from '../../errors';
import * as wire from '../../format/proto/wire-reader';
import { WireFormatError, WireReader } from '../../format/proto/wire-reader';

import { formatTimestamp } from './timestamps';

// Bound once: the switches below read these for every field, and under CommonJS (tsx, Jest) an imported binding is
// a getter call on each read.
const { FIXED64, LENGTH_DELIMITED, VARINT } = wire;

/** One document of a response: its full resource name, its path relative to the database root, its line. */
export interface DocumentLine {
  fullName: string;
  name: string;
  /** The chunk line, with its trailing newline. */
  line: string;
}

/** A value of no known type, and where it sits (built while unwinding, only on failure). */
class UnknownValue extends Error {
  constructor(
    readonly kind: string,
    public path = '',
  ) {
    super('unknown value type');
  }
}

/**
 * The document of one streamed response, or undefined for a response without one: field 1 is the `Document` of both
 * a RunQueryResponse (`document`; others carry only a readTime, progress or the end) and a
 * BatchGetDocumentsResponse (`found`; `missing` is field 2). `documentsPrefix` = `projects/p/databases/d/documents/`.
 * Throws EngineError `internal` on bytes that are not such a response or on a value of a type this decoder does not
 * know — either would mean the API changed under us, and a document must never be written partially.
 */
export function decodeDocumentResponse(bytes: Buffer, documentsPrefix: string): DocumentLine | undefined {
  const r = new WireReader(bytes);
  let doc: DocumentParts | undefined;
  try {
    while (r.pos < bytes.length) {
      const tag = r.varint32();
      // A document field that occurs twice replaces the first, as in protobufjs (the SDK path); servers send one.
      if (tag === ((1 << 3) | LENGTH_DELIMITED)) document(r, r.end(r.varint32()), (doc = new DocumentParts()));
      else r.skip(tag);
    }
    r.expectAt(bytes.length);
  } catch (err) {
    if (err instanceof WireFormatError) throw new EngineError('internal', `malformed Firestore response (${bytes.length} bytes): ${err.message}`);
    throw err;
  }
  return doc?.line(documentsPrefix);
}

/** What a `Document` message holds, as printed JSON parts. */
class DocumentParts {
  fullName = '';
  readonly fields = new FieldsPrinter();
  createTime: string | undefined;
  updateTime: string | undefined;

  line(prefix: string): DocumentLine {
    const { fullName } = this;
    if (!fullName.startsWith(prefix)) throw new EngineError('internal', `document ${fullName} is not in ${prefix.slice(0, -'/documents/'.length)}`);
    const name = fullName.slice(prefix.length);
    let line = `{"name":${JSON.stringify(name)}`;
    if (this.createTime !== undefined) line += `,"createTime":"${this.createTime}"`;
    if (this.updateTime !== undefined) line += `,"updateTime":"${this.updateTime}"`;
    return { fullName, name, line: `${line},"fields":${this.fields.text()}}\n` };
  }
}

function document(r: WireReader, end: number, doc: DocumentParts): void {
  try {
    while (r.pos < end) {
      const tag = r.varint32();
      switch (tag) {
        case (1 << 3) | LENGTH_DELIMITED:
          doc.fullName = r.string(r.varint32());
          break;
        case (2 << 3) | LENGTH_DELIMITED:
          mapEntry(r, r.end(r.varint32()), doc.fields);
          break;
        case (3 << 3) | LENGTH_DELIMITED:
          doc.createTime = timestamp(r, r.end(r.varint32()));
          break;
        case (4 << 3) | LENGTH_DELIMITED:
          doc.updateTime = timestamp(r, r.end(r.varint32()));
          break;
        default:
          r.skip(tag);
      }
    }
    r.expectAt(end);
  } catch (err) {
    if (err instanceof UnknownValue) throw new EngineError('internal', `${doc.fullName || 'a document'} fields${err.path}: Firestore returned a value of unknown type (${err.kind})`);
    throw err;
  }
}

/** One map entry message (`key` = 1, `value` = 2), added to `into`. */
function mapEntry(r: WireReader, end: number, into: FieldsPrinter): void {
  let key = '';
  let value: string | undefined;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === ((1 << 3) | LENGTH_DELIMITED)) key = r.string(r.varint32());
    else if (tag === ((2 << 3) | LENGTH_DELIMITED)) {
      const valueEnd = r.end(r.varint32());
      try {
        value = valueText(r, valueEnd);
      } catch (err) {
        if (err instanceof UnknownValue) err.path = `.${key}${err.path}`;
        throw err;
      }
    } else r.skip(tag);
  }
  r.expectAt(end);
  if (value === undefined) throw new UnknownValue('no value', `.${key}`);
  into.add(key, value);
}

/**
 * A map's entries printed as a JSON object in JavaScript's property order, which is what the SDK path prints:
 * integer-like keys first in ascending order, then the others in arrival order. (Firestore never sends a key twice.)
 */
class FieldsPrinter {
  #named = '';
  #indexed: Array<{ n: number; text: string }> | undefined;

  get empty(): boolean {
    return this.#named === '' && this.#indexed === undefined;
  }

  add(key: string, value: string): void {
    const entry = `${JSON.stringify(key)}:${value}`;
    if (isArrayIndex(key)) (this.#indexed ??= []).push({ n: Number(key), text: entry });
    else this.#named = this.#named === '' ? entry : `${this.#named},${entry}`;
  }

  text(): string {
    if (this.#indexed === undefined) return `{${this.#named}}`;
    const indexed = this.#indexed.sort((a, b) => a.n - b.n).map((e) => e.text);
    return `{${this.#named === '' ? indexed.join(',') : `${indexed.join(',')},${this.#named}`}}`;
  }
}

/** A canonical array index (what V8 orders first): "0" or digits without a leading zero, below 2^32 - 1. */
function isArrayIndex(key: string): boolean {
  if (key === '') return false;
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  if (key.length > 10 || (c === 48 && key.length > 1)) return false;
  for (let i = 1; i < key.length; i++) {
    const d = key.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(key) < 4294967295;
}

const NULL_VALUE = '{"nullValue":null}';
const TRUE_VALUE = '{"booleanValue":true}';
const FALSE_VALUE = '{"booleanValue":false}';
const EMPTY_ARRAY = '{"arrayValue":{}}';
const EMPTY_MAP = '{"mapValue":{}}';

/** One `Value` message as its REST JSON text. The value_type oneof: the last member on the wire wins. */
function valueText(r: WireReader, end: number): string {
  let out: string | undefined;
  while (r.pos < end) {
    const tag = r.varint32();
    switch (tag) {
      case (11 << 3) | VARINT:
        r.skipVarint();
        out = NULL_VALUE;
        break;
      case (1 << 3) | VARINT:
        out = r.varintIsZero() ? FALSE_VALUE : TRUE_VALUE;
        break;
      case (2 << 3) | VARINT:
        out = `{"integerValue":"${r.int64Text()}"}`;
        break;
      case (3 << 3) | FIXED64:
        out = `{"doubleValue":${doubleText(r.double())}}`;
        break;
      case (10 << 3) | LENGTH_DELIMITED:
        out = `{"timestampValue":"${timestamp(r, r.end(r.varint32()))}"}`;
        break;
      case (17 << 3) | LENGTH_DELIMITED:
        out = `{"stringValue":${JSON.stringify(r.string(r.varint32()))}}`;
        break;
      case (18 << 3) | LENGTH_DELIMITED:
        out = `{"bytesValue":"${r.base64(r.varint32())}"}`;
        break;
      case (5 << 3) | LENGTH_DELIMITED:
        out = `{"referenceValue":${JSON.stringify(r.string(r.varint32()))}}`;
        break;
      case (8 << 3) | LENGTH_DELIMITED:
        out = geoPoint(r, r.end(r.varint32()));
        break;
      case (9 << 3) | LENGTH_DELIMITED:
        out = arrayValue(r, r.end(r.varint32()));
        break;
      case (6 << 3) | LENGTH_DELIMITED:
        out = mapValue(r, r.end(r.varint32()));
        break;
      default:
        // A known field number with another wire type is damage; an unknown field is a type this code predates.
        if (KNOWN_VALUE_FIELDS.has(tag >>> 3)) throw new WireFormatError(`Value field ${tag >>> 3} has wire type ${tag & 7}`);
        r.skip(tag);
    }
  }
  r.expectAt(end);
  if (out === undefined) throw new UnknownValue('no known field set');
  return out;
}

const KNOWN_VALUE_FIELDS = new Set([1, 2, 3, 5, 6, 8, 9, 10, 11, 17, 18]);

function arrayValue(r: WireReader, end: number): string {
  let out = '';
  let i = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag !== ((1 << 3) | LENGTH_DELIMITED)) {
      r.skip(tag);
      continue;
    }
    const valueEnd = r.end(r.varint32());
    let text: string;
    try {
      text = valueText(r, valueEnd);
    } catch (err) {
      if (err instanceof UnknownValue) err.path = `[${i}]${err.path}`;
      throw err;
    }
    out += i === 0 ? text : `,${text}`;
    i++;
  }
  r.expectAt(end);
  return i === 0 ? EMPTY_ARRAY : `{"arrayValue":{"values":[${out}]}}`;
}

function mapValue(r: WireReader, end: number): string {
  const fields = new FieldsPrinter();
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === ((1 << 3) | LENGTH_DELIMITED)) mapEntry(r, r.end(r.varint32()), fields);
    else r.skip(tag);
  }
  r.expectAt(end);
  return fields.empty ? EMPTY_MAP : `{"mapValue":{"fields":${fields.text()}}}`;
}

function geoPoint(r: WireReader, end: number): string {
  let latitude = 0;
  let longitude = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === ((1 << 3) | FIXED64)) latitude = r.double();
    else if (tag === ((2 << 3) | FIXED64)) longitude = r.double();
    else r.skip(tag);
  }
  r.expectAt(end);
  return `{"geoPointValue":{"latitude":${JSON.stringify(latitude)},"longitude":${JSON.stringify(longitude)}}}`;
}

function timestamp(r: WireReader, end: number): string {
  let seconds = 0;
  let nanos = 0;
  while (r.pos < end) {
    const tag = r.varint32();
    if (tag === ((1 << 3) | VARINT)) seconds = r.int64Number();
    else if (tag === ((2 << 3) | VARINT)) nanos = r.int64Number() | 0;
    else r.skip(tag);
  }
  r.expectAt(end);
  return formatTimestamp({ seconds, nanos });
}

/** A double as the logical format prints it: non-finite values and -0 as strings (firestore-value-json.ts). */
function doubleText(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '"-0"' : '0';
  if (Number.isFinite(d)) return String(d);
  return Number.isNaN(d) ? '"NaN"' : d > 0 ? '"Infinity"' : '"-Infinity"';
}
