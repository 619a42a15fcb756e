/**
 * Rewriting reference values when restoring into another project or database. A reference names its project and
 * database (`projects/p/databases/d/documents/...`); restored into staging, a reference left pointing at production
 * would make the restored app read production data.
 */
import type { FirestoreValueJson } from './firestore-value-json';

export interface DatabaseNames {
  projectId: string;
  databaseId: string;
}

const root = (db: DatabaseNames): string => `projects/${db.projectId}/databases/${db.databaseId}/documents/`;

/**
 * Returns `fields` with every reference into `from` pointing at the same path in `to`, at any depth (arrays, maps;
 * vectors hold no references). References into other databases are kept: they never pointed at the backup's source.
 * Pure: the input is not modified.
 */
export function rewriteReferences(fields: Record<string, FirestoreValueJson>, from: DatabaseNames, to: DatabaseNames): Record<string, FirestoreValueJson> {
  const source = root(from);
  const target = root(to);
  if (source === target) return fields;
  return rewriteFields(fields, source, target);
}

/** Copy on write: a map or array with no reference to move is returned as is (most documents: no copy at all). */
function rewriteFields(fields: Record<string, FirestoreValueJson>, source: string, target: string): Record<string, FirestoreValueJson> {
  let out: Record<string, FirestoreValueJson> | undefined;
  for (const key in fields) {
    const value = fields[key] as FirestoreValueJson;
    const moved = rewriteValue(value, source, target);
    if (moved !== value) (out ??= { ...fields })[key] = moved;
  }
  return out ?? fields;
}

function rewriteValue(value: FirestoreValueJson, source: string, target: string): FirestoreValueJson {
  if ('referenceValue' in value) {
    return value.referenceValue.startsWith(source) ? { referenceValue: target + value.referenceValue.slice(source.length) } : value;
  }
  if ('arrayValue' in value) {
    const values = value.arrayValue.values;
    if (values === undefined) return value;
    let out: FirestoreValueJson[] | undefined;
    values.forEach((v, i) => {
      const moved = rewriteValue(v, source, target);
      if (moved !== v) (out ??= [...values])[i] = moved;
    });
    return out === undefined ? value : { arrayValue: { values: out } };
  }
  if ('mapValue' in value) {
    const fields = value.mapValue.fields;
    if (fields === undefined) return value;
    const moved = rewriteFields(fields, source, target);
    return moved === fields ? value : { mapValue: { fields: moved } };
  }
  return value;
}
