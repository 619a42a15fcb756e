/**
 * Firestore's REST `Value` JSON encoding (https://firebase.google.com/docs/firestore/reference/rest/v1/Value).
 *
 * This is the lossless interchange shape of the logical backup format v1 and the shape every reader (logical chunks,
 * Google's managed-export files) yields. Encoding rules that matter for fidelity:
 * - `integerValue` is a decimal string, so 64-bit integers survive JSON;
 * - `doubleValue` is a number, or the strings "NaN", "Infinity", "-Infinity"; -0 is written as the string "-0"
 *   because JSON numbers cannot carry the sign of zero;
 * - `timestampValue` is RFC 3339 with up to 9 fractional digits (Firestore stores microseconds);
 * - `bytesValue` is base64;
 * - `referenceValue` is the full resource name `projects/{p}/databases/{d}/documents/{path}`;
 * - a vector is a map `{ __type__: "__vector__", value: [doubles] }`, exactly as Firestore stores it.
 */
export type FirestoreValueJson =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: { latitude: number; longitude: number } }
  | { arrayValue: { values?: FirestoreValueJson[] } }
  | { mapValue: { fields?: Record<string, FirestoreValueJson> } };

/** A document as stored in a logical chunk line, or yielded by an export reader. */
export interface DocumentJson {
  /** Path relative to the database root, e.g. `users/u1/events/e1`. */
  name: string;
  /** RFC 3339; absent when the source does not carry it (Google's managed exports do not). */
  createTime?: string;
  updateTime?: string;
  fields: Record<string, FirestoreValueJson>;
}
