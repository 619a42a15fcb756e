import { EngineError } from '../../errors';

import { JOB_STATES, TRANSITIONS, assertTransition, canTransition, expiryOutcome, isTerminal, newJob, parseJob, toJobError } from './job';

describe('job transition table', () => {
  const allowed = new Set(Object.entries(TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}→${to}`)));

  it.each(JOB_STATES.flatMap((from) => JOB_STATES.map((to) => [from, to] as const)))('%s → %s follows the table', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}→${to}`));
    if (allowed.has(`${from}→${to}`)) expect(() => assertTransition('j', from, to)).not.toThrow();
    else expect(() => assertTransition('j', from, to)).toThrow(new RegExp(`job j: illegal transition ${from} → ${to}`));
  });

  it('has no way out of a terminal state', () => {
    for (const s of JOB_STATES) expect(isTerminal(s)).toBe(TRANSITIONS[s].length === 0);
  });

  it('retries an expired job while attempts remain', () => {
    expect(expiryOutcome({ attempts: 1, maxAttempts: 3, state: 'running' })).toBe('queued');
    expect(expiryOutcome({ attempts: 3, maxAttempts: 3, state: 'running' })).toBe('failed');
  });

  it('parses stored jobs and names the bad field of a hand-edited one', () => {
    const job = newJob({ id: 'backup-1', kind: 'backup', params: {} }, new Date('2026-01-01T00:00:00Z'));
    expect(parseJob('backup-1', JSON.parse(JSON.stringify(job)))).toEqual(job);
    expect(() => parseJob('backup-1', { ...job, attempts: -1 })).toThrow(/job document backup-1 is not a valid job: attempts/);
    expect(() => parseJob('backup-1', { ...job, lease: { owner: 'w' } })).toThrow(/lease\.expiresAt/);
  });
});

describe('stored job errors', () => {
  it('carry no undefined fields (Firestore refuses them)', () => {
    const stored = toJobError(new EngineError('unavailable', 'blip'));
    expect(stored).toEqual({ code: 'unavailable', message: 'blip', retryable: true });
    expect(Object.values(stored as Record<string, unknown>).includes(undefined)).toBe(false);
    expect(toJobError(new Error('plain'))).toEqual({ code: 'internal', message: 'plain', retryable: false });
  });
});
