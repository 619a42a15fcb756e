/**
 * Lossless conversion between Firestore's protobuf `Value` (what the v1 GAPIC client sends and receives) and the REST
 * `Value` JSON encoding of the logical format (format/firestore-value-json.ts).
 *
 * Why protos and not the SDK's public API: `DocumentSnapshot.data()` turns doubles into JS numbers (3.0 would be
 * written back as `integerValue`) and integers beyond 2^53 into rounded numbers unless `useBigInt` is set; the raw
 * proto keeps the stored type and value exactly. The canonical JSON forms match what the REST API returns, so a live
 * read and a backup line compare with plain equality: empty map → `{mapValue:{}}`, empty array → `{arrayValue:{}}`,
 * -0/NaN/±Infinity as strings, timestamps in proto3 JSON form.
 */
import { EngineError } from '../../errors';
import type { FirestoreValueJson } from '../../format/firestore-value-json';
import { encodeBase64, encodeDouble } from '../../format/managed-export/value-format';

import type { ProtoValue } from './proto-types';
import { formatTimestamp, parseTimestamp } from './timestamps';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER = /^-?\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Which member of the proto's `value_type` oneof is set (protobufjs adds `valueType` when decoding with oneofs). */
function protoKind(value: ProtoValue): keyof ProtoValue | undefined {
  const tagged = (value as { valueType?: unknown }).valueType;
  if (typeof tagged === 'string') return tagged as keyof ProtoValue;
  const kinds = Object.keys(value).filter((k) => k !== 'valueType' && value[k as keyof ProtoValue] != null);
  return kinds.length === 1 ? (kinds[0] as keyof ProtoValue) : undefined;
}

/** A value of no known type, and where it sits below the value being converted (built while unwinding, only on failure). */
class UnknownValue extends Error {
  constructor(
    readonly kind: string,
    readonly keys: string[],
    public path = '',
  ) {
    super('unknown value type');
  }
}

/**
 * Proto `Value` → REST Value JSON. Throws EngineError `internal` on a value with no (or an unknown) type, which
 * would mean the SDK's decoding changed under us.
 */
export function protoToJson(value: ProtoValue, at = 'value'): FirestoreValueJson {
  try {
    return convert(value);
  } catch (err) {
    throw located(err, at);
  }
}

/** Proto `fields` map → JSON fields. */
export function protoFieldsToJson(fields: Record<string, ProtoValue>, at = 'fields'): Record<string, FirestoreValueJson> {
  try {
    return convertFields(fields);
  } catch (err) {
    throw located(err, at);
  }
}

function located(err: unknown, at: string): unknown {
  if (!(err instanceof UnknownValue)) return err;
  return new EngineError('internal', `${at}${err.path}: Firestore returned a value of unknown type (${err.kind}): ${JSON.stringify(err.keys)}`);
}

// The converters below run for every value of every document read: no location strings on the good path.
function convert(value: ProtoValue): FirestoreValueJson {
  const kind = protoKind(value);
  switch (kind) {
    case 'nullValue':
      return { nullValue: null };
    case 'booleanValue':
      return { booleanValue: value.booleanValue === true };
    case 'integerValue':
      return { integerValue: String(value.integerValue) };
    case 'doubleValue':
      return { doubleValue: encodeDouble(Number(value.doubleValue)) };
    case 'timestampValue':
      return { timestampValue: formatTimestamp(value.timestampValue ?? {}) };
    case 'stringValue':
      return { stringValue: String(value.stringValue) };
    case 'bytesValue':
      return { bytesValue: bytesToBase64(value.bytesValue) };
    case 'referenceValue':
      return { referenceValue: String(value.referenceValue) };
    case 'geoPointValue':
      return { geoPointValue: { latitude: Number(value.geoPointValue?.latitude ?? 0), longitude: Number(value.geoPointValue?.longitude ?? 0) } };
    case 'arrayValue': {
      const values = value.arrayValue?.values ?? [];
      if (values.length === 0) return { arrayValue: {} };
      const out: FirestoreValueJson[] = new Array<FirestoreValueJson>(values.length);
      let i = 0;
      try {
        for (; i < values.length; i++) out[i] = convert(values[i] as ProtoValue);
      } catch (err) {
        if (err instanceof UnknownValue) err.path = `[${i}]${err.path}`;
        throw err;
      }
      return { arrayValue: { values: out } };
    }
    case 'mapValue': {
      const fields = value.mapValue?.fields ?? {};
      for (const _key in fields) return { mapValue: { fields: convertFields(fields) } };
      return { mapValue: {} };
    }
    default:
      throw new UnknownValue(String(kind), Object.keys(value));
  }
}

function convertFields(fields: Record<string, ProtoValue>): Record<string, FirestoreValueJson> {
  const out: Record<string, FirestoreValueJson> = {};
  let key = '';
  try {
    for (key in fields) out[key] = convert(fields[key] as ProtoValue);
  } catch (err) {
    if (err instanceof UnknownValue) err.path = `.${key}${err.path}`;
    throw err;
  }
  return out;
}

function bytesToBase64(bytes: ProtoValue['bytesValue'] | string): string {
  // The REST transport of the GAPIC client hands bytes over already base64-encoded.
  if (typeof bytes === 'string') return bytes;
  return bytes == null ? '' : encodeBase64(bytes);
}

/**
 * REST Value JSON → proto `Value`. Validates what JSON cannot type-check (decimal int64 range, base64, RFC 3339) and
 * throws EngineError `invalid_argument` naming the field path, so a damaged backup line fails before any write.
 */
export function jsonToProto(value: FirestoreValueJson, at = 'value'): ProtoValue {
  if ('nullValue' in value) return { nullValue: 'NULL_VALUE' };
  if ('booleanValue' in value) return { booleanValue: value.booleanValue };
  if ('integerValue' in value) return { integerValue: checkInteger(value.integerValue, at) };
  if ('doubleValue' in value) return { doubleValue: decodeDouble(value.doubleValue, at) };
  if ('timestampValue' in value) return { timestampValue: parseTimestamp(value.timestampValue, at) };
  if ('stringValue' in value) return { stringValue: value.stringValue };
  if ('bytesValue' in value) return { bytesValue: decodeBase64(value.bytesValue, at) };
  if ('referenceValue' in value) return { referenceValue: value.referenceValue };
  if ('geoPointValue' in value) return { geoPointValue: { latitude: value.geoPointValue.latitude, longitude: value.geoPointValue.longitude } };
  if ('arrayValue' in value) return { arrayValue: { values: (value.arrayValue.values ?? []).map((v, i) => jsonToProto(v, `${at}[${i}]`)) } };
  if ('mapValue' in value) return { mapValue: { fields: jsonFieldsToProto(value.mapValue.fields ?? {}, at) } };
  throw new EngineError('invalid_argument', `${at}: not a Firestore value: ${JSON.stringify(value).slice(0, 200)}`);
}

/** JSON fields → proto `fields` map. */
export function jsonFieldsToProto(fields: Record<string, FirestoreValueJson>, at = 'fields'): Record<string, ProtoValue> {
  const out: Record<string, ProtoValue> = {};
  for (const [key, v] of Object.entries(fields)) out[key] = jsonToProto(v, `${at}.${key}`);
  return out;
}

function checkInteger(text: string, at: string): string {
  if (typeof text !== 'string' || !INTEGER.test(text)) {
    throw new EngineError('invalid_argument', `${at}: integerValue must be a decimal string, got ${JSON.stringify(text)}`);
  }
  const n = BigInt(text);
  if (n < INT64_MIN || n > INT64_MAX) throw new EngineError('invalid_argument', `${at}: integerValue ${text} is outside the 64-bit range`);
  return n.toString();
}

export const DOUBLE_EXPECTED = 'doubleValue must be a number, "NaN", "Infinity", "-Infinity" or "-0"';

function decodeDouble(value: number | string, at: string): number {
  const d = doubleFromJson(value);
  if (d === undefined) throw new EngineError('invalid_argument', `${at}: ${DOUBLE_EXPECTED}, got ${JSON.stringify(value)}`);
  return d;
}

/** A `doubleValue` of the logical format as a number (the strings carry what JSON numbers cannot); undefined if invalid. */
export function doubleFromJson(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  switch (value) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      return undefined;
  }
}

function decodeBase64(text: string, at: string): Buffer {
  if (typeof text !== 'string' || !BASE64.test(text)) throw new EngineError('invalid_argument', `${at}: bytesValue is not standard padded base64`);
  return Buffer.from(text, 'base64');
}
