/**
 * The few Firestore emulator REST calls the integration tests need: write documents, trigger an export, read documents
 * back. Plain `fetch`, so the expected values are exactly what the emulator's REST API stores and returns.
 *
 * Refuses non-loopback hosts and project ids without the `demo-` prefix, so a misconfigured environment can never
 * write to a real project.
 */
import type { FirestoreValueJson } from '../../firestore-value-json';

export interface SeedDocument {
  /** Path relative to the database root. */
  path: string;
  fields: Record<string, FirestoreValueJson>;
}

/** What the REST API returns for a document; `fields` is absent for an empty document. */
interface RestDocument {
  name: string;
  fields?: Record<string, FirestoreValueJson>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d{1,5}$/;
/** The emulator's commit endpoint accepts up to 500 writes, like production. */
const COMMIT_BATCH = 500;
/** The emulator's gRPC layer rejects messages above 4 MiB; stay well below. */
const COMMIT_BYTES = 2 * 1024 * 1024;
const GET_BATCH = 100;

export class EmulatorClient {
  readonly databaseName: string;

  constructor(
    readonly host: string,
    readonly projectId: string,
  ) {
    if (!LOOPBACK.test(host)) throw new Error(`refusing non-loopback emulator host ${JSON.stringify(host)}`);
    if (!projectId.startsWith('demo-')) throw new Error(`refusing project id ${projectId}: tests use demo-* ids`);
    this.databaseName = `projects/${projectId}/databases/(default)`;
  }

  /** Full resource name of a document path. */
  documentName(path: string): string {
    return `${this.databaseName}/documents/${path}`;
  }

  /** Writes documents with `commit`, in batches bounded by count and by request size. */
  async write(documents: readonly SeedDocument[]): Promise<void> {
    let writes: unknown[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (writes.length > 0) await this.post(`/v1/${this.databaseName}/documents:commit`, { writes }, true);
      writes = [];
      bytes = 0;
    };
    for (const d of documents) {
      const write = { update: { name: this.documentName(d.path), fields: d.fields } };
      const size = JSON.stringify(write).length;
      if (writes.length === COMMIT_BATCH || bytes + size > COMMIT_BYTES) await flush();
      writes.push(write);
      bytes += size;
    }
    await flush();
  }

  /** Runs the emulator's export into `directory` (which must exist); it creates `firestore_export_<ts>/` inside. */
  async exportTo(directory: string): Promise<void> {
    await this.post(`/emulator/v1/projects/${this.projectId}:export`, {
      database: this.databaseName,
      export_directory: directory,
    });
  }

  /** Reads documents by path with `batchGet`; the result maps path → fields as the REST API returns them. */
  async getAll(paths: readonly string[]): Promise<Map<string, Record<string, FirestoreValueJson>>> {
    const prefix = `${this.databaseName}/documents/`;
    const out = new Map<string, Record<string, FirestoreValueJson>>();
    for (let i = 0; i < paths.length; i += GET_BATCH) {
      const documents = paths.slice(i, i + GET_BATCH).map((p) => this.documentName(p));
      const text = await this.post(`/v1/${this.databaseName}/documents:batchGet`, { documents }, true);
      for (const entry of JSON.parse(text) as { found?: RestDocument }[]) {
        if (entry.found) out.set(entry.found.name.slice(prefix.length), entry.found.fields ?? {});
      }
    }
    return out;
  }

  private async post(path: string, body: unknown, authorized = false): Promise<string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // The emulator treats "Bearer owner" as an admin credential that bypasses security rules.
    if (authorized) headers.authorization = 'Bearer owner';
    const response = await fetch(`http://${this.host}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path} failed with ${response.status}: ${text}`);
    return text;
  }
}

/**
 * Maps the REST JSON of a value onto the canonical form the reader emits. Two differences are pure presentation:
 * the REST API omits a zero latitude/longitude (proto3 JSON drops default values), and `-0.0` parses to the number -0,
 * which our format spells "-0".
 */
export function normalizeRestValue(value: FirestoreValueJson): FirestoreValueJson {
  if ('doubleValue' in value && Object.is(value.doubleValue, -0)) return { doubleValue: '-0' };
  if ('geoPointValue' in value) {
    const g = value.geoPointValue as Partial<{ latitude: number; longitude: number }>;
    return { geoPointValue: { latitude: g.latitude ?? 0, longitude: g.longitude ?? 0 } };
  }
  if ('arrayValue' in value && value.arrayValue.values) {
    return { arrayValue: { values: value.arrayValue.values.map(normalizeRestValue) } };
  }
  if ('mapValue' in value && value.mapValue.fields) {
    return { mapValue: { fields: normalizeRestFields(value.mapValue.fields) } };
  }
  return value;
}

export function normalizeRestFields(fields: Record<string, FirestoreValueJson>): Record<string, FirestoreValueJson> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, normalizeRestValue(v)]));
}
