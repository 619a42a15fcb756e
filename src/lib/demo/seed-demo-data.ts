/**
 * Writes the demo dataset into a Firestore database through the public Admin SDK (BulkWriter, unthrottled: the
 * target is an emulator or an empty database).
 *
 * This deliberately does not use the engine's own writer: tests compare what the engine backs up and restores with
 * data that reached Firestore by an independent path.
 */
import { FieldValue, GeoPoint, Timestamp, type Firestore } from '@google-cloud/firestore';

import type { DocumentJson, FirestoreValueJson } from '../backup';

import { generateDemoData, type DemoOptions } from './generate-demo-data';

const FLUSH_EVERY = 5_000;
const DOUBLE_WORDS: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** Parses RFC 3339 with up to nine fractional digits into an exact Timestamp. */
export function parseTimestamp(text: string): Timestamp {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) throw new Error(`not an RFC 3339 timestamp: ${text}`);
  const seconds = Math.floor(Date.parse(`${m[1]}${m[3]}`) / 1000);
  const nanos = Number((m[2] ?? '').padEnd(9, '0'));
  return new Timestamp(seconds, nanos);
}

/** Converts a REST Value to the value the Admin SDK writes identically (integral doubles are the SDK's blind spot). */
export function toSdkValue(db: Firestore, value: FirestoreValueJson): unknown {
  if ('nullValue' in value) return null;
  if ('booleanValue' in value) return value.booleanValue;
  if ('integerValue' in value) return BigInt(value.integerValue);
  if ('doubleValue' in value) return typeof value.doubleValue === 'number' ? value.doubleValue : DOUBLE_WORDS[value.doubleValue];
  if ('timestampValue' in value) return parseTimestamp(value.timestampValue);
  if ('stringValue' in value) return value.stringValue;
  if ('bytesValue' in value) return Buffer.from(value.bytesValue, 'base64');
  if ('referenceValue' in value) return db.doc(value.referenceValue.replace(/^projects\/[^/]+\/databases\/[^/]+\/documents\//, ''));
  if ('geoPointValue' in value) return new GeoPoint(value.geoPointValue.latitude, value.geoPointValue.longitude);
  if ('arrayValue' in value) return (value.arrayValue.values ?? []).map((x) => toSdkValue(db, x));
  const fields = value.mapValue.fields ?? {};
  const type = fields.__type__;
  if (type !== undefined && 'stringValue' in type && type.stringValue === '__vector__') {
    const list = fields.value;
    const values = list !== undefined && 'arrayValue' in list ? (list.arrayValue.values ?? []) : [];
    return FieldValue.vector(values.map((x) => Number(toSdkValue(db, x))));
  }
  return toSdkFields(db, fields);
}

/** Converts a REST `fields` map to SDK document data. */
export function toSdkFields(db: Firestore, fields: Record<string, FirestoreValueJson>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(fields)) out[k] = toSdkValue(db, x);
  return out;
}

/** Writes documents with an unthrottled BulkWriter; rejects with the first failure after all writes settle. */
export async function writeDocumentsWithSdk(db: Firestore, docs: Iterable<DocumentJson>, onProgress?: (written: number) => void): Promise<number> {
  const writer = db.bulkWriter({ throttling: false });
  let written = 0;
  let firstError: unknown;
  writer.onWriteError(() => false);
  let queued = 0;
  for (const doc of docs) {
    // Bounded memory for large datasets: let the writer drain every few thousand documents.
    if (++queued % FLUSH_EVERY === 0) await writer.flush();
    writer
      .set(db.doc(doc.name), toSdkFields(db, doc.fields))
      .then(() => {
        written += 1;
        if (onProgress && written % 1000 === 0) onProgress(written);
      })
      .catch((err: unknown) => {
        // A plain Error: SDK errors hold circular gRPC state that cannot cross process boundaries.
        firstError ??= new Error(`writing ${doc.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      });
  }
  await writer.close();
  if (firstError !== undefined) throw firstError;
  return written;
}

/** Generates the demo dataset and writes it; returns the number of documents written. */
export async function seedDemoData(db: Firestore, opts: DemoOptions, onProgress?: (written: number) => void): Promise<number> {
  return writeDocumentsWithSdk(db, generateDemoData(opts), onProgress);
}
