/**
 * JobStore on Firestore: backup and verify jobs in `backup_jobs`, restore and drill jobs in `restore_jobs`.
 * `mutate` is a Firestore transaction, so two workers can never both claim or move the same job.
 */
import type { Firestore, Query } from '@google-cloud/firestore';

import { CONTROL_COLLECTION_NAMES } from '../../control-collections';
import { EngineError } from '../../errors';
import { LEASED_JOB_STATES } from '../../job-states';
import { isTerminal, leaseExpired, parseJob, type Job, type JobFilter, type JobKind, type JobStore } from '../../ports/jobs';

import { withFirestoreErrors } from './firestore-errors';

export interface FirestoreJobStoreOptions {
  backupJobs?: string;
  restoreJobs?: string;
}

const RESTORE_KINDS: ReadonlySet<JobKind> = new Set(['restore', 'drill']);

/** Job ids start with their kind (`backup-…`, `restore-…`), which names their collection. */
export function kindOfJobId(id: string): JobKind {
  const kind = id.split('-')[0];
  if (kind === 'backup' || kind === 'restore' || kind === 'verify' || kind === 'drill') return kind;
  throw new EngineError('invalid_argument', `not a job id: ${JSON.stringify(id)} (expected backup-…, restore-…, verify-… or drill-…)`);
}

export function createFirestoreJobStore(db: Firestore, opts: FirestoreJobStoreOptions = {}): JobStore {
  const names = { backup: opts.backupJobs ?? CONTROL_COLLECTION_NAMES.backupJobs, restore: opts.restoreJobs ?? CONTROL_COLLECTION_NAMES.restoreJobs };
  const collectionOf = (kind: JobKind) => db.collection(RESTORE_KINDS.has(kind) ? names.restore : names.backup);
  const ref = (id: string) => collectionOf(kindOfJobId(id)).doc(id);
  const collections = (kinds?: JobKind[]) =>
    [...new Set((kinds ?? ['backup', 'restore']).map((k) => (RESTORE_KINDS.has(k) ? names.restore : names.backup)))].map((n) => db.collection(n));

  const run = withFirestoreErrors;

  async function queryJobs(build: (q: Query) => Query, kinds?: JobKind[]): Promise<Job[]> {
    const snaps = await Promise.all(collections(kinds).map((c) => build(c).get()));
    return snaps.flatMap((s) => s.docs.map((d) => parseJob(d.id, d.data())));
  }

  return {
    create: (job) =>
      run(`creating job ${job.id}`, async () => {
        await ref(job.id).create(job);
        return job;
      }),
    get: (id) =>
      run(`reading job ${id}`, async () => {
        const snap = await ref(id).get();
        return snap.exists ? parseJob(id, snap.data()) : undefined;
      }),
    mutate: (id, fn) =>
      run(`updating job ${id}`, () =>
        db.runTransaction(async (tx) => {
          const snap = await tx.get(ref(id));
          if (!snap.exists) throw new EngineError('not_found', `job ${id} not found`, { details: { jobId: id } });
          const next = fn(parseJob(id, snap.data()));
          tx.set(ref(id), next);
          return next;
        }),
      ),
    list: (filter: JobFilter = {}) =>
      run('listing jobs', async () => {
        const limit = filter.limit ?? 100;
        const jobs = await queryJobs((c) => {
          let q = c.orderBy('createdAt', 'desc');
          if (filter.states) q = q.where('state', 'in', filter.states);
          if (filter.before) q = q.where('createdAt', '<', filter.before);
          return q.limit(limit * 2);
        }, filter.kinds);
        return jobs
          .filter((j) => (filter.kinds ? filter.kinds.includes(j.kind) : true))
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
          .slice(0, limit);
      }),
    claimable: (now, limit) =>
      run('finding claimable jobs', async () => {
        const queued = await queryJobs((c) => c.where('state', '==', 'queued').orderBy('createdAt', 'asc').limit(limit));
        const active = await queryJobs((c) => c.where('state', 'in', [...LEASED_JOB_STATES]).limit(200));
        const stale = active.filter((j) => !isTerminal(j.state) && leaseExpired(j, now));
        return [...stale, ...queued.sort((a, b) => a.createdAt.localeCompare(b.createdAt))].slice(0, limit);
      }),
    delete: (id) =>
      run(`deleting job ${id}`, async () => {
        await ref(id).delete();
      }),
  };
}
