/**
 * Firestore REST "Value" JSON (the backup's line format) as rows a person can read: one type name and one display
 * string per field, maps and arrays flattened into dotted paths. Pure, so it is unit-tested.
 */

/** One displayed field. */
export interface FieldRow {
  path: string;
  type: string;
  value: string;
}

type Json = Record<string, unknown>;

const MAX_ROWS = 500;
const SCALARS: Record<string, string> = {
  stringValue: 'string',
  integerValue: 'integer',
  doubleValue: 'double',
  booleanValue: 'boolean',
  timestampValue: 'timestamp',
  bytesValue: 'bytes',
  referenceValue: 'reference',
};

function scalar(kind: string, raw: unknown): string {
  if (kind === 'stringValue') return JSON.stringify(raw);
  if (kind === 'bytesValue' && typeof raw === 'string') return `${raw.length > 48 ? `${raw.slice(0, 48)}…` : raw} (base64)`;
  return String(raw);
}

function push(rows: FieldRow[], path: string, value: unknown): void {
  if (rows.length >= MAX_ROWS) return;
  const v = (typeof value === 'object' && value !== null ? value : {}) as Json;
  const kind = Object.keys(v)[0];
  if (kind === undefined) {
    rows.push({ path, type: 'unknown', value: JSON.stringify(value) });
    return;
  }
  if (kind in SCALARS) {
    rows.push({ path, type: SCALARS[kind] ?? kind, value: scalar(kind, v[kind]) });
  } else if (kind === 'nullValue') {
    rows.push({ path, type: 'null', value: 'null' });
  } else if (kind === 'geoPointValue') {
    const g = (v[kind] ?? {}) as Json;
    rows.push({ path, type: 'geopoint', value: `${String(g.latitude ?? 0)}, ${String(g.longitude ?? 0)}` });
  } else if (kind === 'arrayValue') {
    const values = ((v[kind] as Json | undefined)?.values ?? []) as unknown[];
    rows.push({ path, type: 'array', value: `${values.length} item${values.length === 1 ? '' : 's'}` });
    values.forEach((item, i) => push(rows, `${path}[${i}]`, item));
  } else if (kind === 'mapValue') {
    const fields = ((v[kind] as Json | undefined)?.fields ?? {}) as Json;
    const isVector = (fields.__type__ as Json | undefined)?.stringValue === '__vector__';
    if (isVector) {
      const values = (((fields.value as Json | undefined)?.arrayValue as Json | undefined)?.values ?? []) as Json[];
      rows.push({ path, type: 'vector', value: `[${values.map((x) => String(x.doubleValue ?? x.integerValue)).slice(0, 8).join(', ')}${values.length > 8 ? ', …' : ''}] (${values.length} dims)` });
      return;
    }
    const keys = Object.keys(fields).sort();
    rows.push({ path, type: 'map', value: `${keys.length} field${keys.length === 1 ? '' : 's'}` });
    for (const k of keys) push(rows, `${path}.${k}`, fields[k]);
  } else {
    rows.push({ path, type: kind.replace(/Value$/, ''), value: JSON.stringify(v[kind]) });
  }
}

/** The fields of a document as rows, top-level fields sorted by name. */
export function fieldRows(fields: Record<string, unknown>): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const name of Object.keys(fields).sort()) push(rows, name, fields[name]);
  return rows;
}
