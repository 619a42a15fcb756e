import { createMemoryJobStore } from '../../adapters/memory/memory-job-store';
import { EngineError } from '../../errors';
import { fixedClock } from '../testing/fixed-clock';

import { JobService } from './job-service';
import { SerialQueue, Worker, type JobHandler } from './worker';

function setup(leaseMs = 60_000) {
  const clock = fixedClock();
  const store = createMemoryJobStore();
  return { clock, store, jobs: new JobService({ store, clock, leaseMs }) };
}

describe('JobService', () => {
  it('enqueues once per idempotency key', async () => {
    const { jobs } = setup();
    const a = await jobs.enqueue({ id: 'backup-k1', kind: 'backup', params: {}, idempotencyKey: 'k1' });
    const b = await jobs.enqueue({ id: 'backup-k1', kind: 'backup', params: { other: true }, idempotencyKey: 'k1' });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.job.params).toEqual({});
  });

  it('lets one worker claim a job and refuses moves by anyone else', async () => {
    const { jobs } = setup();
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    const claimed = await jobs.claim('w1');
    expect(claimed).toMatchObject({ state: 'running', attempts: 1, lease: { owner: 'w1' } });
    expect(await jobs.claim('w2')).toBeUndefined();
    await expect(jobs.move('backup-1', 'w2', 'succeeded')).rejects.toThrow(/w2 does not hold its lease/);
    await expect(jobs.move('backup-1', 'w1', 'queued')).resolves.toMatchObject({ state: 'queued' });
  });

  it('refuses illegal transitions even for the lease holder', async () => {
    const { jobs } = setup();
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    await jobs.claim('w1');
    await jobs.move('backup-1', 'w1', 'verifying');
    await expect(jobs.move('backup-1', 'w1', 'running')).rejects.toThrow(/illegal transition verifying → running/);
    await jobs.move('backup-1', 'w1', 'succeeded', { result: { ok: true } });
    await expect(jobs.move('backup-1', 'w1', 'failed')).rejects.toThrow(/does not hold its lease/);
  });

  it('re-queues a job whose worker died, then fails it when attempts run out', async () => {
    const { jobs, clock } = setup(10_000);
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {}, maxAttempts: 2 });
    await jobs.claim('dead-1');
    clock.advance(5_000);
    expect(await jobs.claim('w2')).toBeUndefined(); // lease still alive
    clock.advance(6_000);
    const second = await jobs.claim('w2');
    expect(second).toMatchObject({ state: 'running', attempts: 2, lease: { owner: 'w2' } });
    clock.advance(11_000);
    const expired = await jobs.expire('backup-1');
    expect(expired.state).toBe('failed');
    expect(expired.error?.message).toMatch(/w2 stopped renewing its lease.*no attempts left \(2\/2\)/);
  });

  it('keeps a job alive through heartbeats and stores progress', async () => {
    const { jobs, clock } = setup(10_000);
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    await jobs.claim('w1');
    clock.advance(8_000);
    await jobs.heartbeat('backup-1', 'w1', { progress: { documents: 10, phase: 'reading' } });
    clock.advance(8_000);
    expect((await jobs.expire('backup-1')).state).toBe('running');
    expect((await jobs.get('backup-1')).progress).toMatchObject({ documents: 10, phase: 'reading' });
  });

  it('cancels a queued job at once and flags a running one', async () => {
    const { jobs } = setup();
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    expect((await jobs.cancel('backup-1')).state).toBe('cancelled');
    await expect(jobs.cancel('backup-1')).rejects.toThrow(/already cancelled/);
    await jobs.enqueue({ id: 'backup-2', kind: 'backup', params: {} });
    await jobs.claim('w1');
    expect(await jobs.cancel('backup-2')).toMatchObject({ state: 'running', cancelRequested: true });
  });
});

describe('Worker', () => {
  it('runs a job through verifying to succeeded with its result', async () => {
    const { jobs } = setup();
    const handler: JobHandler = async (ctx) => {
      ctx.progress({ documents: 5 });
      await ctx.checkpoint({ step: 1 });
      await ctx.verifying();
      return { backupId: 'b1' };
    };
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    const [done] = await new Worker({ jobs, owner: 'w', handlers: { backup: handler } }).runUntilIdle();
    expect(done).toMatchObject({ state: 'succeeded', result: { backupId: 'b1' }, checkpoint: { step: 1 }, lease: null });
  });

  it('re-queues a retryable failure and fails a permanent one', async () => {
    const { jobs } = setup();
    let calls = 0;
    const handler: JobHandler = async () => {
      calls += 1;
      throw calls === 1 ? new EngineError('unavailable', 'blip') : new EngineError('permission_denied', 'no access');
    };
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    const runs = await new Worker({ jobs, owner: 'w', handlers: { backup: handler } }).runUntilIdle();
    expect(runs.map((r) => r.state)).toEqual(['queued', 'failed']);
    expect(runs[1]).toMatchObject({ attempts: 2, error: { code: 'permission_denied', message: 'no access' } });
  });

  it('stops a running job when cancel is requested', async () => {
    const { jobs } = setup(3_000);
    const handler: JobHandler = async (ctx) => {
      await jobs.cancel(ctx.job.id);
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      throw new EngineError('cancelled', 'stopped');
    };
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    const [done] = await new Worker({ jobs, owner: 'w', heartbeatMs: 20, handlers: { backup: handler } }).runUntilIdle();
    expect(done?.state).toBe('cancelled');
  });

  it("never writes the job document twice at once (heartbeats, checkpoints and the final move take turns)", async () => {
    const { jobs, store } = setup(3_000);
    let active = 0;
    let maxActive = 0;
    const mutate = store.mutate.bind(store);
    store.mutate = async (id, fn) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      try {
        await new Promise((r) => setTimeout(r, 3)); // a transaction's round trip
        return await mutate(id, fn);
      } finally {
        active -= 1;
      }
    };
    const handler: JobHandler = async (ctx) => {
      for (let i = 1; i <= 20; i++) {
        ctx.progress({ documents: i });
        await ctx.checkpoint({ step: i });
        await new Promise((r) => setTimeout(r, 2));
      }
      await ctx.verifying();
      return { steps: 20 };
    };
    await jobs.enqueue({ id: 'backup-1', kind: 'backup', params: {} });
    const [done] = await new Worker({ jobs, owner: 'w', heartbeatMs: 1, handlers: { backup: handler } }).runUntilIdle();
    expect(done).toMatchObject({ state: 'succeeded', checkpoint: { step: 20 }, result: { steps: 20 } });
    expect(maxActive).toBe(1);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order and goes on after a failure', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const a = q.run(task('a', 10));
    const b = q.run(task('b', 1, true));
    const c = q.run(task('c', 1));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    await q.idle();
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
