import { isEngineError } from '../../errors';
import { parseCron } from './parse-cron';

function parseError(expression: string): { message: string; details: Record<string, unknown> | undefined } {
  try {
    parseCron(expression);
  } catch (err) {
    if (isEngineError(err, 'invalid_argument')) return { message: err.message, details: err.details };
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(expression)} to be refused`);
}

describe('parseCron', () => {
  it('expands *, ranges, lists and steps into sorted values', () => {
    const s = parseCron('*/15 1-3,22 1,15 */4 1-5');
    expect(s.minutes).toEqual([0, 15, 30, 45]);
    expect(s.hours).toEqual([1, 2, 3, 22]);
    expect(s.daysOfMonth).toEqual([1, 15]);
    expect(s.months).toEqual([1, 5, 9]);
    expect(s.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(s.dayOfMonthStar).toBe(false);
    expect(s.dayOfWeekStar).toBe(false);
  });

  it('accepts ranges with steps and the N/S shorthand for N-max/S', () => {
    expect(parseCron('10-30/10 * * * *').minutes).toEqual([10, 20, 30]);
    expect(parseCron('50/5 * * * *').minutes).toEqual([50, 55]);
  });

  it('accepts month and day names in any case, and folds day 7 into Sunday', () => {
    const s = parseCron('0 0 * jan-Mar,DEC sat-7');
    expect(s.months).toEqual([1, 2, 3, 12]);
    expect(s.daysOfWeek).toEqual([0, 6]);
    expect(parseCron('0 0 * * SUN').daysOfWeek).toEqual([0]);
  });

  it('expands macros', () => {
    expect(parseCron('@hourly').fields).toEqual(['0', '*', '*', '*', '*']);
    expect(parseCron('@daily').fields).toEqual(['0', '0', '*', '*', '*']);
    expect(parseCron('@weekly').fields).toEqual(['0', '0', '*', '*', '0']);
    expect(parseCron(' @MONTHLY ').fields).toEqual(['0', '0', '1', '*', '*']);
    expect(parseCron('@monthly').expression).toBe('@MONTHLY'.toLowerCase());
  });

  it('marks day fields that start with * (Vixie semantics), including stepped ones', () => {
    expect(parseCron('0 0 */2 * 1')).toMatchObject({ dayOfMonthStar: true, dayOfWeekStar: false });
    expect(parseCron('0 0 1 * *')).toMatchObject({ dayOfMonthStar: false, dayOfWeekStar: true });
  });

  it.each([
    ['61 * * * *', 'minute', '61', 'is out of range 0-59'],
    ['* 24 * * *', 'hour', '24', 'is out of range 0-23'],
    ['* * 0 * *', 'day-of-month', '0', 'is out of range 1-31'],
    ['* * * 13 *', 'month', '13', 'is out of range 1-12'],
    ['* * * * 8', 'day-of-week', '8', 'is out of range 0-7'],
    ['5-1 * * * *', 'minute', '5-1', 'start is after its end'],
    ['*/0 * * * *', 'minute', '*/0', 'step below 1'],
    ['1/2/3 * * * *', 'minute', '1/2/3', 'more than one "/"'],
    ['x * * * *', 'minute', 'x', 'is not a number'],
    ['* * * FOO *', 'month', 'FOO', 'is not a number or a name'],
    ['* * * * MON-', 'day-of-week', '', 'is not a number or a name'],
    ['0 0 30 2 *', 'day-of-month', '30', 'never occurs in month "2"'],
  ])('refuses %j naming the %s field', (expression, field, value, problem) => {
    const err = parseError(expression);
    expect(err.details).toEqual({ expression, field, value });
    expect(err.message).toContain(field);
    expect(err.message).toContain(problem);
  });

  it.each(['* * *', 'foo', '', '* * * * * *', '@reboot'])('refuses %j as a whole', (expression) => {
    const err = parseError(expression);
    expect(err.details).toEqual({ expression });
    expect(err.message).toContain(JSON.stringify(expression));
  });

  it('allows 29 February (leap years) and 31 in a month list that has one', () => {
    expect(parseCron('0 0 29 2 *').daysOfMonth).toEqual([29]);
    expect(parseCron('0 0 31 2,3 *').months).toEqual([2, 3]);
  });
});
