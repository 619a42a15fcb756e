import { createMemoryJobStore } from '../../adapters/memory/memory-job-store';
import { isEngineError } from '../../errors';
import type { Job } from '../jobs/job';
import { JobService } from '../jobs/job-service';
import { fixedClock } from '../testing/fixed-clock';

import { drillJobRunner } from './drill-job';

function setup() {
  const base = fixedClock();
  const sleeps: number[] = [];
  let onSleep: (n: number) => Promise<void> = async () => undefined;
  const clock = {
    ...base,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await base.sleep(ms);
      await onSleep(sleeps.length);
    },
  };
  const jobs = new JobService({ store: createMemoryJobStore(), clock, leaseMs: 60_000 });
  const drill = { job: { id: 'drill-1' } as Job, signal: new AbortController().signal };
  return { clock, jobs, sleeps, drill, whenSleeping: (fn: (n: number) => Promise<void>) => (onSleep = fn) };
}

describe('drillJobRunner', () => {
  it('runs a queued job of the drill in this process, as <owner>/<drill id>, without waiting', async () => {
    const { clock, jobs, sleeps, drill } = setup();
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    const owners: string[] = [];
    const handlers = {
      backup: async (ctx: { job: Job }) => {
        owners.push(ctx.job.lease?.owner ?? '?');
        return { ok: true };
      },
    };
    const done = await drillJobRunner({ jobs, handlers, clock, owner: 'w1' }, drill)('backup-1');
    expect(done).toMatchObject({ id: 'backup-1', state: 'succeeded', result: { ok: true } });
    expect(owners).toEqual(['w1/drill-1']);
    expect(sleeps).toEqual([]);
  });

  it('waits, every 500 ms on the clock, for a job another worker claimed first, and returns it once it ends', async () => {
    const { clock, jobs, sleeps, drill, whenSleeping } = setup();
    await jobs.enqueue({ id: 'restore-1', kind: 'restore', params: {} });
    await jobs.claim('other-worker');
    whenSleeping(async (n) => {
      if (n === 3) await jobs.move('restore-1', 'other-worker', 'succeeded', { result: { by: 'other' } });
    });
    const done = await drillJobRunner({ jobs, handlers: { restore: async () => ({ by: 'drill' }) }, clock, owner: 'w1' }, drill)('restore-1');
    expect(done).toMatchObject({ state: 'succeeded', result: { by: 'other' } });
    expect(sleeps).toEqual([500, 500, 500]);
  });

  it('stops waiting when the drill job is cancelled, naming the drill and the job', async () => {
    const { clock, jobs, drill, whenSleeping } = setup();
    const abort = new AbortController();
    await jobs.enqueue({ id: 'restore-1', kind: 'restore', params: {} });
    await jobs.claim('other-worker');
    whenSleeping(async (n) => {
      if (n === 2) abort.abort();
    });
    const err: unknown = await drillJobRunner({ jobs, handlers: {}, clock, owner: 'w1' }, { ...drill, signal: abort.signal })('restore-1').catch((e: unknown) => e);
    expect(isEngineError(err, 'cancelled')).toBe(true);
    expect((err as Error).message).toBe('drill drill-1 was cancelled while job restore-1 ran');
    expect((await jobs.get('restore-1')).state).toBe('running');
  });
});
