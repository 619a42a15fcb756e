/**
 * In-memory ConfigStore for unit tests; same contract as the Firestore store. `raw` holds the stored documents so
 * tests can hand-edit them as an operator with console access could.
 */
import { EngineError } from '../../errors';
import { typedConfigStore, type ConfigDocuments, type ConfigStore } from '../../ports/config';

export function createMemoryConfigStore(): ConfigStore & { raw: Map<string, Record<string, unknown>> } {
  const raw = new Map<string, Record<string, unknown>>();
  const docs: ConfigDocuments = {
    where: (id) => `backup_config/${id}`,
    get: async (id) => (raw.has(id) ? structuredClone(raw.get(id)) : undefined),
    list: async () =>
      [...raw.keys()].sort().map((id) => ({ id, data: structuredClone(raw.get(id) as Record<string, unknown>) })),
    createIfAbsent: async (id, data) => {
      if (raw.has(id)) return false;
      raw.set(id, structuredClone(data));
      return true;
    },
    set: async (id, data) => {
      raw.set(id, structuredClone(data));
    },
    // No await between the read and the write: JavaScript runs this section alone, which makes it atomic here.
    mutate: async (id, fn) => {
      const current = raw.get(id);
      if (current === undefined) throw new EngineError('not_found', `config document backup_config/${id} not found`, { details: { document: id } });
      const next = fn(structuredClone(current));
      if (next !== undefined) raw.set(id, structuredClone(next));
      return structuredClone(next ?? current);
    },
    delete: async (id) => {
      raw.delete(id);
    },
  };
  return Object.assign(typedConfigStore(docs), { raw });
}
