/** IncidentStateStore in memory, for tests and the local single-process mode. Stores copies, as a database would. */
import type { IncidentState, IncidentStateStore } from '../../ports/incidents';

export function createMemoryIncidentState(): IncidentStateStore & { raw: Map<string, IncidentState> } {
  const raw = new Map<string, IncidentState>();
  return {
    raw,
    async get(key) {
      const s = raw.get(key);
      return s === undefined ? undefined : structuredClone(s);
    },
    async set(key, state) {
      raw.set(key, structuredClone(state));
    },
  };
}
