/**
 * Rewriting reference values when restoring into another project or database. A reference names its project and
 * database (`projects/p/databases/d/documents/...`); restored into staging, a reference left pointing at production
 * would make the restored app read production data.
 */
import type { FirestoreValueJson } from '../../format/firestore-value-json';

import { documentsRoot, type DatabaseId } from './resource-names';

/**
 * Returns `fields` with every reference into `from` pointing at the same path in `to`, at any depth (arrays, maps,
 * vectors untouched). References into other databases are kept as they are: they never pointed at the backup's
 * source. Pure: the input is not modified.
 */
export function rewriteReferences(
  fields: Record<string, FirestoreValueJson>,
  from: DatabaseId,
  to: DatabaseId,
): Record<string, FirestoreValueJson> {
  const source = `${documentsRoot(from)}/`;
  const target = `${documentsRoot(to)}/`;
  if (source === target) return fields;
  return rewriteFields(fields, source, target);
}

function rewriteFields(fields: Record<string, FirestoreValueJson>, source: string, target: string): Record<string, FirestoreValueJson> {
  const out: Record<string, FirestoreValueJson> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = rewriteValue(value, source, target);
  return out;
}

function rewriteValue(value: FirestoreValueJson, source: string, target: string): FirestoreValueJson {
  if ('referenceValue' in value) {
    return value.referenceValue.startsWith(source) ? { referenceValue: target + value.referenceValue.slice(source.length) } : value;
  }
  if ('arrayValue' in value) {
    const values = value.arrayValue.values;
    return values === undefined ? value : { arrayValue: { values: values.map((v) => rewriteValue(v, source, target)) } };
  }
  if ('mapValue' in value) {
    const fields = value.mapValue.fields;
    return fields === undefined ? value : { mapValue: { fields: rewriteFields(fields, source, target) } };
  }
  return value;
}
