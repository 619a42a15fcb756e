/**
 * Canonical JSON for hashing: the same value always serialises to the same bytes, whatever order its keys were
 * inserted in or which store it was read back from (Firestore returns map keys in its own order).
 */
import { EngineError } from '../../errors';

/**
 * JSON with object keys sorted by UTF-16 code unit, no whitespace, `undefined` properties omitted (as JSON.stringify
 * does). Refuses what JSON cannot represent faithfully — non-finite numbers, bigint, functions, symbols, class
 * instances other than plain objects and arrays — because silently coercing them would let two different values hash
 * alike.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw refuse(path, `non-finite number ${String(value)}`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, path) : writeObject(value, path);
    default:
      throw refuse(path, `a ${typeof value}`);
  }
}

function writeArray(items: readonly unknown[], path: string): string {
  // An `undefined` array slot has no JSON form; JSON.stringify writes null, which would hash two values alike.
  return `[${items.map((item, i) => (item === undefined ? refuseThrow(`${path}[${i}]`, 'undefined') : write(item, `${path}[${i}]`))).join(',')}]`;
}

function writeObject(obj: object, path: string): string {
  // Plain means "an Object.prototype of some realm, or none": structuredClone and the test VM hand out objects whose
  // Object.prototype is not this module's.
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) throw refuse(path, `an instance of ${obj.constructor.name}`);
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v: unknown = (obj as Record<string, unknown>)[key];
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${write(v, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}

function refuse(path: string, what: string): EngineError {
  return new EngineError('invalid_argument', `canonical JSON cannot represent ${what} at ${path}`, { details: { path } });
}

function refuseThrow(path: string, what: string): never {
  throw refuse(path, what);
}
