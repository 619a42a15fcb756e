/** Terse constructors of Firestore REST Value JSON, for the demo generator and tests. */
import type { FirestoreValueJson } from '../backup';

type Double = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

export const str = (value: string): FirestoreValueJson => ({ stringValue: value });
export const int = (value: number | string): FirestoreValueJson => ({ integerValue: String(value) });
export const dbl = (value: Double): FirestoreValueJson => ({ doubleValue: value });
export const bool = (value: boolean): FirestoreValueJson => ({ booleanValue: value });
export const nul = (): FirestoreValueJson => ({ nullValue: null });
export const bytes = (value: Buffer): FirestoreValueJson => ({ bytesValue: value.toString('base64') });
export const ref = (name: string): FirestoreValueJson => ({ referenceValue: name });
export const geo = (latitude: number, longitude: number): FirestoreValueJson => ({ geoPointValue: { latitude, longitude } });
export const arr = (values: FirestoreValueJson[]): FirestoreValueJson => ({ arrayValue: { values } });
export const map = (fields: Record<string, FirestoreValueJson>): FirestoreValueJson => ({ mapValue: { fields } });

/** A vector as Firestore stores it: a map with `__type__: "__vector__"` and a `value` array of doubles. */
export const vector = (values: number[]): FirestoreValueJson =>
  map({ __type__: str('__vector__'), value: arr(values.map((x) => dbl(x))) });

/** RFC 3339 with all nine fractional digits (Firestore itself keeps six). */
export function ts(seconds: number, nanos: number): FirestoreValueJson {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return { timestampValue: `${base}.${String(nanos).padStart(9, '0')}Z` };
}
