/**
 * The line encoding of logical chunks: one {@link DocumentJson} per line.
 *
 * A line is `{"name":…,"createTime":…,"updateTime":…,"fields":{…}}` followed by `\n`. JSON.stringify escapes every
 * control character (so a string value can never break a line) and writes lone surrogates as `\uD800` escapes, so
 * every string round-trips; the one lossy spot in JSON is numbers, handled in {@link documentToLine}.
 */
import { EngineError } from '../errors';
import type { DocumentJson, FirestoreValueJson } from '../ports';

// Declared with the ports (the document streams yield it); re-exported where the line encoding lives.
export type { EncodedDocument } from '../ports';

/**
 * One document as a chunk line (with its trailing newline). A `doubleValue` given as a JS number that JSON cannot
 * carry (NaN, ±Infinity, -0) is written in the string form Firestore's REST encoding uses, so nothing is lost even
 * when a producer did not normalise it; a finite double prints in the shortest form that parses back to the same bits.
 */
export function documentToLine(doc: DocumentJson): string {
  const ordered: DocumentJson = { name: doc.name, createTime: doc.createTime, updateTime: doc.updateTime, fields: doc.fields };
  // A replacer makes JSON.stringify several times slower, and it is only needed when a double printed as `null`
  // (NaN, ±Infinity) or `0` (maybe -0). Both show as `"doubleValue":null` / `"doubleValue":0` in the output — never
  // inside a string, where the quotes would be escaped — so only those documents are printed again with it.
  const plain = JSON.stringify(ordered);
  if (!plain.includes('"doubleValue":null') && !LOSSY_ZERO.test(plain)) return `${plain}\n`;
  return `${JSON.stringify(ordered, preserveDoubles)}\n`;
}

/** `"doubleValue":0` as a whole number (not `0.5`, not `0e…`, which JSON.stringify never prints anyway). */
const LOSSY_ZERO = /"doubleValue":0[,}]/;

function preserveDoubles(key: string, value: unknown): unknown {
  if (key !== 'doubleValue' || typeof value !== 'number') return value;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return Object.is(value, -0) ? '-0' : value;
}

/**
 * Parses one chunk line (without its newline) into a document, checking the whole Value-JSON shape so a damaged
 * line is reported here rather than deep inside a restore. Throws EngineError `integrity` naming `where` (e.g.
 * `chunk chunks/000001.ndjson.gz, line 7`).
 */
export function parseDocumentLine(line: string, where: string): DocumentJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (cause) {
    throw new EngineError('integrity', `${where}: not valid JSON`, { cause });
  }
  const problem = documentProblem(parsed);
  if (problem !== undefined) throw new EngineError('integrity', `${where}: not a document: ${problem}`);
  return parsed as DocumentJson;
}

function documentProblem(v: unknown): string | undefined {
  if (!isRecord(v)) return 'expected an object';
  if (typeof v.name !== 'string' || v.name === '' || v.name.split('/').length % 2 !== 0) {
    return 'name must be a document path (collection/id[/collection/id…])';
  }
  for (const key of ['createTime', 'updateTime'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') return `${key} must be a string`;
  }
  const extra = Object.keys(v).find((k) => !['name', 'createTime', 'updateTime', 'fields'].includes(k));
  if (extra !== undefined) return `unexpected key ${JSON.stringify(extra)}`;
  if (!isRecord(v.fields)) return 'fields must be an object';
  const p = fieldsProblem(v.fields);
  return p === undefined ? undefined : `fields${p.at}: ${p.what}`;
}

/**
 * What is wrong and where, relative to the value checked (`.a[2].b`). The location is built only on the way out of
 * a failure: every line of every backup read goes through here, so the good path allocates nothing.
 */
interface Problem {
  at: string;
  what: string;
}

function fieldsProblem(fields: Record<string, unknown>): Problem | undefined {
  for (const key in fields) {
    const p = valueProblem(fields[key]);
    if (p !== undefined) return { at: `.${key}${p.at}`, what: p.what };
  }
  return undefined;
}

const DOUBLE_STRINGS: ReadonlySet<unknown> = new Set(['NaN', 'Infinity', '-Infinity', '-0']);
const INTEGER = /^-?\d+$/;

/** The first thing wrong with a Value JSON, or undefined. Iterative over arrays, recursive over nesting depth (≤ 20 in Firestore). */
function valueProblem(value: unknown): Problem | undefined {
  if (!isRecord(value)) return { at: '', what: 'expected a Value object' };
  let kind: string | undefined;
  for (const k in value) {
    if (kind !== undefined) return { at: '', what: 'a Value has exactly one key' };
    kind = k;
  }
  if (kind === undefined) return { at: '', what: 'a Value has exactly one key' };
  const inner = value[kind];
  let ok: boolean;
  switch (kind as keyof UnionKeys<FirestoreValueJson>) {
    case 'nullValue':
      ok = inner === null;
      break;
    case 'booleanValue':
      ok = typeof inner === 'boolean';
      break;
    case 'integerValue':
      ok = typeof inner === 'string' && INTEGER.test(inner);
      break;
    case 'doubleValue':
      ok = (typeof inner === 'number' && Number.isFinite(inner)) || DOUBLE_STRINGS.has(inner);
      break;
    case 'timestampValue':
    case 'stringValue':
    case 'bytesValue':
    case 'referenceValue':
      ok = typeof inner === 'string';
      break;
    case 'geoPointValue':
      ok = isRecord(inner) && typeof inner.latitude === 'number' && typeof inner.longitude === 'number';
      break;
    case 'arrayValue':
      return arrayProblem(inner);
    case 'mapValue':
      return mapProblem(inner);
    default:
      return { at: '', what: `unknown Value kind ${JSON.stringify(kind)}` };
  }
  return ok ? undefined : { at: '', what: `bad ${kind}` };
}

function arrayProblem(inner: unknown): Problem | undefined {
  if (!isRecord(inner)) return { at: '', what: 'bad arrayValue' };
  if (inner.values === undefined) return undefined;
  if (!Array.isArray(inner.values)) return { at: '', what: 'arrayValue.values must be an array' };
  for (let i = 0; i < inner.values.length; i++) {
    const p = valueProblem(inner.values[i]);
    if (p !== undefined) return { at: `[${i}]${p.at}`, what: p.what };
  }
  return undefined;
}

function mapProblem(inner: unknown): Problem | undefined {
  if (!isRecord(inner)) return { at: '', what: 'bad mapValue' };
  if (inner.fields === undefined) return undefined;
  if (!isRecord(inner.fields)) return { at: '', what: 'mapValue.fields must be an object' };
  return fieldsProblem(inner.fields);
}

type UnionKeys<T> = { [K in T extends unknown ? keyof T : never]: true };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
