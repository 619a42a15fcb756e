/**
 * ConfigStore port: the typed `backup_config` documents (retention, schedules, staging target, alerts).
 *
 * Adapters implement only the raw `ConfigDocuments` primitives; `typedConfigStore` adds the parsing, so the rules of
 * what a valid document is live in one place (config-schema.ts) for every adapter.
 *
 * Contract (engine/ops/testing/config-store-contract.ts runs it against every adapter):
 * - Every document read back is parsed; a malformed one is an `integrity` error naming the document and the field.
 * - `createIfAbsent` never overwrites: it returns false when the document already exists (init is idempotent).
 * - `mutateSchedule(id, fn)` is an atomic read-modify-write (a Firestore transaction): if another writer changed the
 *   schedule in between, `fn` runs again on the new value; `fn` may throw to abort, nothing is written then. Returning
 *   the input unchanged (same object) writes nothing. A missing schedule → `not_found`.
 * - `listSchedules` returns schedules ordered by id.
 */
import { EngineError } from '../errors';

import {
  CONFIG_DOC_IDS,
  SCHEDULE_DOC_PREFIX,
  alertsConfigSchema,
  parseConfigDoc,
  retentionConfigSchema,
  scheduleConfigSchema,
  scheduleDocId,
  stagingConfigSchema,
  type AlertsConfig,
  type RetentionConfig,
  type ScheduleConfig,
  type StagingConfig,
} from '../engine/ops/config-schema';

/** The raw primitives an adapter provides: JSON documents by id in one collection. */
export interface ConfigDocuments {
  /** Names a document in messages, e.g. `backup_config/retention`. */
  where(id: string): string;
  get(id: string): Promise<Record<string, unknown> | undefined>;
  /** Every document, ordered by id. */
  list(): Promise<{ id: string; data: Record<string, unknown> }[]>;
  /** Creates the document unless it exists; true when it was created. */
  createIfAbsent(id: string, data: Record<string, unknown>): Promise<boolean>;
  set(id: string, data: Record<string, unknown>): Promise<void>;
  /**
   * Atomic read-modify-write of an existing document; `fn` returns the new data, or undefined to write nothing.
   * Missing document → `not_found`.
   */
  mutate(id: string, fn: (current: Record<string, unknown>) => Record<string, unknown> | undefined): Promise<Record<string, unknown>>;
  delete(id: string): Promise<void>;
}

export interface ConfigStore {
  getRetention(): Promise<RetentionConfig | undefined>;
  setRetention(value: RetentionConfig): Promise<void>;
  getStaging(): Promise<StagingConfig | undefined>;
  setStaging(value: StagingConfig): Promise<void>;
  getAlerts(): Promise<AlertsConfig | undefined>;
  setAlerts(value: AlertsConfig): Promise<void>;
  listSchedules(): Promise<ScheduleConfig[]>;
  getSchedule(id: string): Promise<ScheduleConfig | undefined>;
  putSchedule(value: ScheduleConfig): Promise<void>;
  mutateSchedule(id: string, fn: (current: ScheduleConfig) => ScheduleConfig): Promise<ScheduleConfig>;
  deleteSchedule(id: string): Promise<void>;
  /** Creates a document only if absent (init); `doc` names which. True when created. */
  createIfAbsent(doc: ConfigDocument): Promise<boolean>;
}

/** One document, tagged with its kind, for `createIfAbsent`. */
export type ConfigDocument =
  | { kind: 'retention'; value: RetentionConfig }
  | { kind: 'staging'; value: StagingConfig }
  | { kind: 'alerts'; value: AlertsConfig }
  | { kind: 'schedule'; value: ScheduleConfig };

/** The document id of a tagged document. */
export function configDocId(doc: ConfigDocument): string {
  return doc.kind === 'schedule' ? scheduleDocId(doc.value.id) : CONFIG_DOC_IDS[doc.kind];
}

/** A ConfigStore over raw documents: every read is parsed, every write is a plain JSON object. */
export function typedConfigStore(docs: ConfigDocuments): ConfigStore {
  const plain = (value: object): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  const read = async <T>(id: string, parse: (where: string, data: unknown) => T): Promise<T | undefined> => {
    const data = await docs.get(id);
    return data === undefined ? undefined : parse(docs.where(id), data);
  };
  const schedule = (where: string, data: unknown): ScheduleConfig => {
    const parsed = parseConfigDoc(scheduleConfigSchema, where, data);
    const expected = where.slice(where.lastIndexOf('/') + 1);
    if (scheduleDocId(parsed.id) !== expected) {
      throw new EngineError('integrity', `config document ${where} is invalid: id: ${JSON.stringify(parsed.id)} does not match the document id`, {
        details: { document: where, field: 'id' },
      });
    }
    return parsed;
  };
  return {
    getRetention: () => read(CONFIG_DOC_IDS.retention, (w, d) => parseConfigDoc(retentionConfigSchema, w, d)),
    setRetention: (value) => docs.set(CONFIG_DOC_IDS.retention, plain(value)),
    getStaging: () => read(CONFIG_DOC_IDS.staging, (w, d) => parseConfigDoc(stagingConfigSchema, w, d)),
    setStaging: (value) => docs.set(CONFIG_DOC_IDS.staging, plain(value)),
    getAlerts: () => read(CONFIG_DOC_IDS.alerts, (w, d) => parseConfigDoc(alertsConfigSchema, w, d)),
    setAlerts: (value) => docs.set(CONFIG_DOC_IDS.alerts, plain(value)),
    listSchedules: async () =>
      (await docs.list())
        .filter((d) => d.id.startsWith(SCHEDULE_DOC_PREFIX))
        .map((d) => schedule(docs.where(d.id), d.data))
        .sort((a, b) => a.id.localeCompare(b.id)),
    getSchedule: (id) => read(scheduleDocId(id), schedule),
    putSchedule: (value) => docs.set(scheduleDocId(value.id), plain(value)),
    mutateSchedule: async (id, fn) => {
      const docId = scheduleDocId(id);
      const data = await docs.mutate(docId, (current) => {
        const before = schedule(docs.where(docId), current);
        const after = fn(before);
        if (after === before) return undefined;
        if (after.id !== id) throw new EngineError('invalid_argument', `schedule ${id}: the id cannot change`);
        return plain(after);
      });
      return schedule(docs.where(docId), data);
    },
    deleteSchedule: (id) => docs.delete(scheduleDocId(id)),
    createIfAbsent: (doc) => docs.createIfAbsent(configDocId(doc), plain(doc.value)),
  };
}
