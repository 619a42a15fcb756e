import { dueSlots, slotKey, type DueSlotsInput } from './due-slots';
import { parseCron } from './parse-cron';

const NIGHTLY = parseCron('0 2 * * *');

function tick(overrides: Partial<Omit<DueSlotsInput, 'now'>> & { now: string }): { due: string | null; missed: string[]; missedOmitted: number } {
  const { now, ...rest } = overrides;
  const result = dueSlots({ schedule: NIGHTLY, timeZone: 'UTC', catchUp: 'none', ...rest, now: new Date(now) });
  return { due: result.due?.toISOString() ?? null, missed: result.missed.map((d) => d.toISOString()), missedOmitted: result.missedOmitted };
}

const LAST = new Date('2026-11-22T02:00:00Z');

describe('dueSlots', () => {
  it('runs the slot during its grace window and not before', () => {
    expect(tick({ lastRunSlot: LAST, now: '2026-11-23T01:59:00Z' }).due).toBeNull();
    expect(tick({ lastRunSlot: LAST, now: '2026-11-23T02:00:00Z' }).due).toBe('2026-11-23T02:00:00.000Z');
    expect(tick({ lastRunSlot: LAST, now: '2026-11-23T02:04:59Z' }).due).toBe('2026-11-23T02:00:00.000Z');
    expect(tick({ lastRunSlot: LAST, now: '2026-11-23T02:05:00Z' })).toEqual({
      due: null,
      missed: ['2026-11-23T02:00:00.000Z'],
      missedOmitted: 0,
    });
  });

  it('graceMinutes 1 means only the slot’s own minute', () => {
    expect(tick({ lastRunSlot: LAST, now: '2026-11-23T02:00:59Z', graceMinutes: 1 }).due).toBe('2026-11-23T02:00:00.000Z');
    expect(tick({ lastRunSlot: LAST, now: '2026-11-23T02:01:00Z', graceMinutes: 1 }).due).toBeNull();
  });

  it('does not rerun a slot already handled', () => {
    expect(tick({ lastRunSlot: new Date('2026-11-23T02:00:00Z'), now: '2026-11-23T02:01:00Z' })).toEqual({
      due: null,
      missed: [],
      missedOmitted: 0,
    });
  });

  it('catchUp none: runs the on-time slot and lists the older unrun ones as missed', () => {
    expect(tick({ lastRunSlot: new Date('2026-11-20T02:00:00Z'), now: '2026-11-23T02:01:00Z' })).toEqual({
      due: '2026-11-23T02:00:00.000Z',
      missed: ['2026-11-21T02:00:00.000Z', '2026-11-22T02:00:00.000Z'],
      missedOmitted: 0,
    });
  });

  it('catchUp latest: runs the newest late slot once, the others are missed', () => {
    expect(tick({ lastRunSlot: new Date('2026-11-20T02:00:00Z'), now: '2026-11-23T01:00:00Z', catchUp: 'latest' })).toEqual({
      due: '2026-11-22T02:00:00.000Z',
      missed: ['2026-11-21T02:00:00.000Z'],
      missedOmitted: 0,
    });
  });

  it('a schedule that never ran neither fires nor reports its past', () => {
    expect(tick({ lastRunSlot: null, now: '2026-11-23T01:00:00Z', catchUp: 'latest' })).toEqual({ due: null, missed: [], missedOmitted: 0 });
    expect(tick({ now: '2026-11-23T02:03:00Z' }).due).toBe('2026-11-23T02:00:00.000Z');
  });

  it('lists at most maxMissed missed slots and counts the rest', () => {
    const result = tick({
      schedule: parseCron('*/15 * * * *'),
      lastRunSlot: new Date('2026-11-23T00:00:00Z'),
      now: '2026-11-23T02:30:30Z',
      maxMissed: 3,
    });
    // Slots 00:15 … 02:30 are 10; 02:30 runs, 9 missed: 3 listed, 6 counted.
    expect(result).toEqual({
      due: '2026-11-23T02:30:00.000Z',
      missed: ['2026-11-23T01:45:00.000Z', '2026-11-23T02:00:00.000Z', '2026-11-23T02:15:00.000Z'],
      missedOmitted: 6,
    });
  });

  it('is quiet when the last slot is in the future (clock skew)', () => {
    expect(tick({ lastRunSlot: new Date('2026-11-24T02:00:00Z'), now: '2026-11-23T02:00:00Z' }).due).toBeNull();
  });

  it('handles the spring-forward slot at its real instant', () => {
    const result = tick({
      timeZone: 'America/New_York',
      schedule: parseCron('30 2 * * *'),
      lastRunSlot: new Date('2026-03-07T07:30:00Z'),
      now: '2026-03-08T07:00:30Z',
    });
    expect(result).toEqual({ due: '2026-03-08T07:00:00.000Z', missed: [], missedOmitted: 0 });
  });

  it('refuses a grace below one minute', () => {
    expect(() => tick({ now: '2026-11-23T02:00:00Z', graceMinutes: 0 })).toThrow(/graceMinutes/);
  });
});

describe('slotKey', () => {
  it('names the schedule and the slot in UTC to the minute', () => {
    expect(slotKey('nightly', new Date('2026-11-23T02:00:00Z'))).toBe('sched-nightly-20261123T0200Z');
    expect(slotKey('a_1', new Date('2026-03-08T07:00:00-00:00'))).toBe('sched-a_1-20260308T0700Z');
  });

  it('refuses ids that would make the key ambiguous', () => {
    expect(() => slotKey('a b', new Date())).toThrow(/schedule id/);
    expect(() => slotKey('', new Date())).toThrow(/schedule id/);
  });
});
