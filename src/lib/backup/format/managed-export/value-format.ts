/**
 * Canonical text forms for values read from a managed export, chosen to be byte-identical to what the Firestore REST
 * API returns for the same stored value (so an export and a live read can be compared with plain equality).
 */
import { wholeSeconds } from '../civil-time';
import type { FirestoreValueJson } from '../firestore-value-json';
import { ManagedExportError } from './errors';
import type { RawKey, RawPathElement } from './onestore';

type DoubleJson = Extract<FirestoreValueJson, { doubleValue: unknown }>['doubleValue'];

/** Encodes a double as firestore-value-json.ts prescribes: non-finite values and -0 as strings. */
export function encodeDouble(value: number): DoubleJson {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

/** Firestore's timestamp range (https://firebase.google.com/docs/firestore/manage-data/data-types). */
const MIN_MICROS = -62_135_596_800_000_000n; // 0001-01-01T00:00:00Z
const MAX_MICROS = 253_402_300_799_999_999n; // 9999-12-31T23:59:59.999999Z
/** Below this magnitude (1827..2112) microseconds are formatted in doubles; bigint arithmetic beyond. */
const FAST_MICROS = 2 ** 52;

/**
 * Formats microseconds since the Unix epoch as RFC 3339 in UTC, in the proto3 JSON canonical form that the REST API
 * also uses: no fraction when whole seconds, else 3 digits when whole milliseconds, else 6 digits (exports carry
 * microseconds, so 9 digits never occur). Examples: `2020-01-01T00:00:00Z`, `1969-12-31T23:59:59.500Z`,
 * `2020-01-01T00:00:00.123456Z`.
 */
export function formatTimestampMicros(micros: bigint): string {
  if (micros < MIN_MICROS || micros > MAX_MICROS) {
    throw new ManagedExportError('CORRUPT', `timestamp ${micros} µs is outside 0001-01-01..9999-12-31`);
  }
  let seconds: number;
  let micro: number;
  const m = Number(micros);
  if (Math.abs(m) < FAST_MICROS) {
    // Exact in doubles here (|m| < 2^52): floor, then correct the one-off a rounded quotient can give.
    seconds = Math.floor(m / 1_000_000);
    micro = m - seconds * 1_000_000;
    if (micro < 0) {
      seconds -= 1;
      micro += 1_000_000;
    } else if (micro >= 1_000_000) {
      seconds += 1;
      micro -= 1_000_000;
    }
  } else {
    // Floor division, so instants before 1970 get a non-negative sub-second part.
    let s = micros / 1_000_000n;
    let fraction = micros % 1_000_000n;
    if (fraction < 0n) {
      fraction += 1_000_000n;
      s -= 1n;
    }
    seconds = Number(s);
    micro = Number(fraction);
  }
  const whole = wholeSeconds(seconds);
  if (micro === 0) return `${whole}Z`;
  if (micro % 1000 === 0) return `${whole}.${String(micro / 1000).padStart(3, '0')}Z`;
  return `${whole}.${String(micro).padStart(6, '0')}Z`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8: a string that does not decode is reported, never replaced with U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new ManagedExportError('CORRUPT', 'string value is not valid UTF-8', {}, { cause });
  }
}

/** Standard base64 with padding, as the REST API writes `bytesValue`. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Document path relative to the database root (`users/u1/events/e1`). A numeric id (what Datastore-mode writes, and
 * what Firestore stores for ids spelled `__id<n>__`) becomes `__id<n>__`, the id Firestore shows for it.
 */
export function documentPath(path: readonly RawPathElement[]): string {
  if (path.length === 0) throw new ManagedExportError('CORRUPT', 'key has an empty path');
  return path.map(pathSegment).join('/');
}

function pathSegment(element: RawPathElement): string {
  const { type, id, name } = element;
  if (type === '' || type.includes('/')) {
    throw new ManagedExportError('CORRUPT', `invalid collection id ${JSON.stringify(type)} in key`);
  }
  if (name !== undefined && id !== undefined) {
    throw new ManagedExportError('CORRUPT', `key element ${JSON.stringify(type)} has both a name and an id`);
  }
  if (name !== undefined) {
    if (name === '' || name.includes('/')) {
      throw new ManagedExportError('CORRUPT', `invalid document id ${JSON.stringify(name)} in key`);
    }
    return `${type}/${name}`;
  }
  if (id !== undefined) return `${type}/__id${id}__`;
  throw new ManagedExportError('CORRUPT', `key element ${JSON.stringify(type)} has neither a name nor an id`);
}

/**
 * Project id from a legacy app id. App ids carry a partition prefix (`s~my-app` in production, `dev~my-app` in the
 * emulator, `e~` for EU apps); project ids never contain `~`, so everything up to the last `~` is dropped.
 * Domain-scoped projects keep their `example.com:` part, which is part of the project id.
 */
export function projectIdFromApp(app: string): string {
  return app.slice(app.lastIndexOf('~') + 1);
}

/**
 * Full resource name of a reference value. A key without `database_id` points at `(default)`: the emulator writes
 * `database_id` only for named databases, including references *from* a named database *to* `(default)`, so absence
 * cannot mean "the exported database".
 */
export function referenceName(key: RawKey, fallbackProjectId: string | undefined): string {
  if (key.nameSpace !== '') {
    throw new ManagedExportError('UNSUPPORTED', `reference into Datastore namespace ${JSON.stringify(key.nameSpace)}`);
  }
  const project = key.app === '' ? fallbackProjectId : projectIdFromApp(key.app);
  if (project === undefined || project === '') {
    throw new ManagedExportError('CORRUPT', 'reference value without an app id, and no projectId option to use');
  }
  const database = key.databaseId === '' ? '(default)' : key.databaseId;
  return `projects/${project}/databases/${database}/documents/${documentPath(key.path)}`;
}
