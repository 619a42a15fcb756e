import { describeCron } from './describe-cron';

describe('describeCron', () => {
  it.each([
    ['0 2 * * *', 'At 02:00'],
    ['30 14 * * *', 'At 14:30'],
    ['0 2,14 * * *', 'At 02:00 and 14:00'],
    ['* * * * *', 'Every minute'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['0 * * * *', 'Every hour'],
    ['@hourly', 'Every hour'],
    ['0 */6 * * *', 'On the hour, every 6 hours'],
    ['0 */2 * * *', 'On the hour, every 2 hours'],
    ['0 0 1 * *', 'At 00:00, on day 1 of the month'],
    ['0 0 1,15 * *', 'At 00:00, on day 1 and 15 of the month'],
    ['0 3 * * 1-5', 'At 03:00, Monday through Friday'],
    ['0 3 * * MON-FRI', 'At 03:00, Monday through Friday'],
    ['@weekly', 'At 00:00, only on Sunday'],
    ['0 0 * * 7', 'At 00:00, only on Sunday'],
    ['0 0 1 1 *', 'At 00:00, on day 1 of the month, only in January'],
    ['0 9 * JAN-MAR SAT,SUN', 'At 09:00, only on Saturday and Sunday, January through March'],
    // Both day fields restricted: either matches (the 1st, and every Monday).
    ['0 0 1 * MON', 'At 00:00, on day 1 of the month, and on Monday'],
    // A '*'-led day field: both must match (odd days that are Mondays), as the scheduler evaluates it.
    ['0 0 */2 * MON', 'At 00:00, every 2 days in a month, only on Monday'],
    ['5 1-3 * * *', 'At 5 minutes past the hour, between 01:00 and 03:59'],
    ['0-30/10 * * * */2', 'Every 10 minutes, minutes 0 through 30 past the hour, every 2 days of the week'],
  ])('%s → %s', (expression, text) => {
    expect(describeCron(expression)).toBe(text);
  });

  it('throws parseCron’s error for an invalid expression, including syntax cronstrue would accept', () => {
    expect(() => describeCron('61 * * * *')).toThrow(/minute "61"/);
    expect(() => describeCron('0 0 L * *')).toThrow(/day-of-month "L" is not a number/);
  });
});
