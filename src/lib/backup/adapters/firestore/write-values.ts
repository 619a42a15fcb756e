/**
 * The checks jsonToProto (value-proto.ts) applies to each Value JSON member, for the byte encoder (wire-writes.ts):
 * the same refusals with the same messages, returning what the bytes need (int64 halves, byte lengths, timestamp
 * parts) instead of a proto object.
 */
import type { FirestoreValueJson } from '../../format/firestore-value-json';
import { splitInt } from '../../format/proto/wire-writer';

import { parseTimestamp } from './timestamps';
import { DOUBLE_EXPECTED, doubleFromJson } from './value-proto';

const INTEGER = /^-?\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A bad value, and where it sits below the document (built while unwinding, only on failure). */
export class BadValue extends Error {
  constructor(
    readonly what: string,
    public path = '',
  ) {
    super(what);
  }
}

/** A decimal int64 (`integerValue`) as two's-complement 32-bit halves. */
export function int64Halves(text: unknown): [number, number] {
  if (typeof text !== 'string' || !INTEGER.test(text)) throw new BadValue(`integerValue must be a decimal string, got ${JSON.stringify(text)}`);
  if (text.length <= 15) return splitInt(Number(text));
  const n = BigInt(text);
  if (n < INT64_MIN || n > INT64_MAX) throw new BadValue(`integerValue ${text} is outside the 64-bit range`);
  const u = BigInt.asUintN(64, n);
  return [Number(u & 0xffffffffn), Number(u >> 32n)];
}

/** A `doubleValue` (a number, or one of the strings the logical format uses for NaN, ±Infinity and -0). */
export function decodeDouble(value: unknown): number {
  const d = doubleFromJson(value);
  if (d === undefined) throw new BadValue(`${DOUBLE_EXPECTED}, got ${JSON.stringify(value)}`);
  return d;
}

/** A `timestampValue` as its seconds and nanos. */
export function timestampParts(text: unknown): { seconds: string; nanos: number } {
  try {
    return parseTimestamp(text as string, '');
  } catch (err) {
    throw new BadValue(err instanceof Error ? err.message.replace(/^: /, '') : String(err));
  }
}

/** The decoded length of a `bytesValue`, which must be standard padded base64. */
export function base64Length(text: unknown): number {
  if (typeof text !== 'string' || !BASE64.test(text)) throw new BadValue('bytesValue is not standard padded base64');
  return Buffer.byteLength(text, 'base64');
}

/** The items of an `arrayValue` (absent `values` is an empty array). */
export function arrayValues(array: unknown): FirestoreValueJson[] {
  return ((array as { values?: FirestoreValueJson[] } | null)?.values ?? []) as FirestoreValueJson[];
}

/** The fields of a `mapValue` (absent `fields` is an empty map). */
export function mapFields(map: unknown): Record<string, FirestoreValueJson> {
  return ((map as { fields?: Record<string, FirestoreValueJson> } | null)?.fields ?? {}) as Record<string, FirestoreValueJson>;
}
