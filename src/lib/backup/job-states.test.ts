import { BACKUP_STATES, RESTORE_STATES } from '../contracts';

import { TRANSITIONS } from './engine/jobs/job';
import { isJobState, isTerminal, JOB_STATES, LEASED_JOB_STATES, TERMINAL_JOB_STATES, UNFINISHED_JOB_STATES } from './job-states';

describe('job states: one list (issue 16)', () => {
  it('the contracts list the same states, the same array', () => {
    expect(BACKUP_STATES).toBe(JOB_STATES);
    expect(RESTORE_STATES).toBe(JOB_STATES);
  });

  it('terminal states are exactly those the transition table never leaves', () => {
    expect(JOB_STATES.filter((s) => TRANSITIONS[s].length === 0)).toEqual([...TERMINAL_JOB_STATES]);
    for (const s of JOB_STATES) expect(isTerminal(s)).toBe((TERMINAL_JOB_STATES as readonly string[]).includes(s));
  });

  it('leased and unfinished states partition the rest', () => {
    expect([...UNFINISHED_JOB_STATES, ...TERMINAL_JOB_STATES].sort()).toEqual([...JOB_STATES].sort());
    expect(UNFINISHED_JOB_STATES.filter((s) => !(LEASED_JOB_STATES as readonly string[]).includes(s))).toEqual(['queued']);
    // A leased job may go back to queued (lease expiry); nothing else returns there.
    for (const s of JOB_STATES) expect(TRANSITIONS[s].includes('queued')).toBe((LEASED_JOB_STATES as readonly string[]).includes(s));
  });

  it('narrows text to a state', () => {
    expect(isJobState('verifying')).toBe(true);
    expect(isJobState('done')).toBe(false);
    expect(isJobState('')).toBe(false);
  });
});
