/** In-memory JobStore for unit tests; same contract as the Firestore store (structured clones, CAS by version). */
import { EngineError } from '../../errors';
import { isTerminal, leaseExpired, parseJob, type Job, type JobFilter, type JobStore } from '../../ports/jobs';

export function createMemoryJobStore(): JobStore & { raw: Map<string, unknown> } {
  const raw = new Map<string, unknown>();
  const read = (id: string): Job | undefined => (raw.has(id) ? parseJob(id, structuredClone(raw.get(id))) : undefined);
  const all = (): Job[] => [...raw.keys()].map((id) => read(id)).filter((j): j is Job => j !== undefined);
  return {
    raw,
    async create(job) {
      if (raw.has(job.id)) throw new EngineError('already_exists', `job ${job.id} already exists`, { details: { jobId: job.id } });
      raw.set(job.id, structuredClone(job));
      return structuredClone(job);
    },
    async get(id) {
      return read(id);
    },
    async mutate(id, fn) {
      const current = read(id);
      if (current === undefined) throw new EngineError('not_found', `job ${id} not found`, { details: { jobId: id } });
      const next = fn(current);
      raw.set(id, structuredClone(next));
      return structuredClone(next);
    },
    async list(filter: JobFilter = {}) {
      return all()
        .filter((j) => (filter.kinds ? filter.kinds.includes(j.kind) : true))
        .filter((j) => (filter.states ? filter.states.includes(j.state) : true))
        .filter((j) => (filter.before ? j.createdAt < filter.before : true))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
        .slice(0, filter.limit ?? 100);
    },
    async claimable(now, limit) {
      const queued = all().filter((j) => j.state === 'queued').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const stale = all().filter((j) => !isTerminal(j.state) && j.state !== 'queued' && leaseExpired(j, now));
      return [...stale, ...queued].slice(0, limit);
    },
    async delete(id) {
      raw.delete(id);
    },
  };
}
