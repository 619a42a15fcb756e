import { isEngineError } from '../../errors';
import { nextRuns, slotsBetween } from './cron-slots';
import { parseCron } from './parse-cron';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

function runs(expression: string, after: string, count: number, timeZone = 'UTC'): string[] {
  return nextRuns(parseCron(expression), new Date(after), count, timeZone).map((d) => d.toISOString());
}

function between(expression: string, from: string, to: string, timeZone = 'UTC'): string[] {
  return slotsBetween(parseCron(expression), new Date(from), new Date(to), timeZone).map((d) => d.toISOString());
}

describe('nextRuns in UTC', () => {
  it('0 2 * * * fires daily at 02:00, strictly after the start', () => {
    expect(runs('0 2 * * *', '2026-11-23T02:00:00Z', 2)).toEqual(['2026-11-24T02:00:00.000Z', '2026-11-25T02:00:00.000Z']);
    expect(runs('0 2 * * *', '2026-11-23T01:59:59.999Z', 1)).toEqual(['2026-11-23T02:00:00.000Z']);
  });

  it('*/15 * * * * fires on the quarter hours across midnight and year end', () => {
    expect(runs('*/15 * * * *', '2026-12-31T23:31:00Z', 3)).toEqual([
      '2026-12-31T23:45:00.000Z',
      '2027-01-01T00:00:00.000Z',
      '2027-01-01T00:15:00.000Z',
    ]);
  });

  it('0 0 1 * * fires on the first of each month', () => {
    expect(runs('0 0 1 * *', '2026-11-15T00:00:00Z', 3)).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      '2027-02-01T00:00:00.000Z',
    ]);
  });

  it('0 3 * * 1-5 skips the weekend', () => {
    // 2026-11-20 is a Friday.
    expect(runs('0 3 * * 1-5', '2026-11-20T03:00:00Z', 2)).toEqual(['2026-11-23T03:00:00.000Z', '2026-11-24T03:00:00.000Z']);
  });

  it('applies the OR rule when both day fields are restricted, AND when one starts with *', () => {
    // The 1st and 15th, plus every Monday: Nov 2026 Mondays are 2, 9, 16, 23, 30.
    expect(runs('0 0 1,15 * MON', '2026-10-31T12:00:00Z', 5).map((d) => d.slice(8, 10))).toEqual(['01', '02', '09', '15', '16']);
    // Odd days that are also Mondays: Nov 9 and 23 are Mondays on odd days.
    expect(runs('0 0 */2 * MON', '2026-11-01T00:00:00Z', 2).map((d) => d.slice(0, 10))).toEqual(['2026-11-09', '2026-11-23']);
  });

  it('end of month: day 31 only in months that have one', () => {
    expect(runs('0 0 31 * *', '2026-01-31T00:00:00Z', 3).map((d) => d.slice(0, 10))).toEqual(['2026-03-31', '2026-05-31', '2026-07-31']);
  });

  it('leap day: 29 February only in leap years', () => {
    expect(runs('0 12 29 2 *', '2024-03-01T00:00:00Z', 2).map((d) => d.slice(0, 10))).toEqual(['2028-02-29', '2032-02-29']);
  });

  it('returns nothing for count 0 and refuses a bad count or zone', () => {
    expect(runs('* * * * *', '2026-01-01T00:00:00Z', 0)).toEqual([]);
    expect(() => runs('* * * * *', '2026-01-01T00:00:00Z', -1)).toThrow(/count/);
    expect(() => runs('* * * * *', '2026-01-01T00:00:00Z', 1, 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('nextRuns across DST in America/New_York', () => {
  it('spring forward (2026-03-08): a 02:30 slot runs once at 03:00 EDT, the first instant after the gap', () => {
    expect(runs('30 2 * * *', '2026-03-07T00:00:00Z', 3, NY)).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('spring forward: skipped quarter hours collapse into one run at 03:00', () => {
    expect(between('*/15 * * * *', '2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z', NY)).toEqual([
      '2026-03-08T06:45:00.000Z', // 01:45 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT (stands for 02:00-02:45 and 03:00)
      '2026-03-08T07:15:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  // croner's own time-zone mode would skip these gap slots and run the repeated ones twice (see calendarOf).
  it('spring forward: a stepped or listed slot inside the gap still runs, once, at 03:00', () => {
    expect(between('*/20 2 * * *', '2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z', NY)).toEqual(['2026-03-08T07:00:00.000Z']);
    expect(between('30 2,14 * * *', '2026-03-08T05:00:00Z', '2026-03-08T20:00:00Z', NY)).toEqual([
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT
      '2026-03-08T18:30:00.000Z', // 14:30 EDT
    ]);
  });

  it('fall back: a stepped slot in the repeated hour runs only at its first occurrence', () => {
    expect(between('*/30 1 * * *', '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z', NY)).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; not 06:00Z / 06:30Z (01:00 / 01:30 EST)
    ]);
  });

  it('fall back (2026-11-01): a 01:30 slot runs once, at the first (EDT) occurrence', () => {
    expect(runs('30 1 * * *', '2026-10-31T00:00:00Z', 3, NY)).toEqual([
      '2026-10-31T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT, not again at 06:30Z (01:30 EST)
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('fall back: hourly runs skip the repeated hour', () => {
    expect(between('0 * * * *', '2026-11-01T03:30:00Z', '2026-11-01T08:00:00Z', NY)).toEqual([
      '2026-11-01T04:00:00.000Z', // 00:00 EDT
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T08:00:00.000Z', // 03:00 EST
    ]);
  });

  it('starting inside the repeated hour does not rerun its slots', () => {
    expect(runs('30 1 * * *', '2026-11-01T06:00:00Z', 1, NY)).toEqual(['2026-11-02T06:30:00.000Z']);
  });

  it('0 2 * * * keeps 02:00 local on both sides of each change', () => {
    expect(between('0 2 * * *', '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', NY)).toEqual([
      '2026-03-07T07:00:00.000Z',
      '2026-03-08T07:00:00.000Z', // 02:00 does not exist: 03:00 EDT
      '2026-03-09T06:00:00.000Z',
    ]);
    expect(between('0 2 * * *', '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', NY)).toEqual([
      '2026-10-31T06:00:00.000Z',
      '2026-11-01T07:00:00.000Z', // 02:00 EST exists once
      '2026-11-02T07:00:00.000Z',
    ]);
  });
});

describe('nextRuns across DST in Europe/Berlin', () => {
  it('spring forward (2026-03-29, 02:00→03:00 CEST)', () => {
    expect(runs('30 2 * * *', '2026-03-28T00:00:00Z', 3, BERLIN)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('fall back (2026-10-25, 03:00→02:00 CET): 02:30 runs once at the CEST occurrence', () => {
    expect(runs('30 2 * * *', '2026-10-24T00:00:00Z', 3, BERLIN)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, not 01:30Z (02:30 CET)
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('midnight schedules are unaffected by a 02:00 change', () => {
    expect(runs('0 0 * * *', '2026-03-28T12:00:00Z', 2, BERLIN)).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });
});

describe('slotsBetween', () => {
  it('is (from, to]: excludes from, includes to', () => {
    expect(between('0 * * * *', '2026-01-01T00:00:00Z', '2026-01-01T02:00:00Z')).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T02:00:00.000Z',
    ]);
  });

  it('is empty for an empty or reversed interval', () => {
    expect(between('* * * * *', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toEqual([]);
    expect(between('* * * * *', '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toEqual([]);
  });

  it('counts every minute of a year in a DST zone (one run per local hour, none twice)', () => {
    const slots = slotsBetween(parseCron('0 * * * *'), new Date('2026-01-01T05:00:00Z'), new Date('2027-01-01T05:00:00Z'), NY);
    // 8760 local hours; the missing 02:00 of 8 March merges into 03:00, and the 01:00 that occurs twice on
    // 1 November is one local slot, run once.
    expect(slots).toHaveLength(8760 - 1);
    const times = slots.map((d) => d.getTime());
    expect(new Set(times).size).toBe(times.length);
  });

  it('refuses to build more than MAX_SLOTS results', () => {
    try {
      between('* * * * *', '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z');
      throw new Error('expected a refusal');
    } catch (err) {
      expect(isEngineError(err, 'invalid_argument')).toBe(true);
    }
  });
});
