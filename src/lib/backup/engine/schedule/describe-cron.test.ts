import { describeCron } from './describe-cron';

describe('describeCron', () => {
  it.each([
    ['0 2 * * *', 'every day at 02:00'],
    ['30 14 * * *', 'every day at 14:30'],
    ['0 2,14 * * *', 'every day at 02:00 and 14:00'],
    ['* * * * *', 'every minute'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['0 * * * *', 'every hour at minute 0'],
    ['@hourly', 'every hour at minute 0'],
    ['0 */6 * * *', 'at minute 0 past every 6th hour'],
    ['0 */2 * * *', 'at minute 0 past every 2nd hour'],
    ['0 0 1 * *', 'at 00:00 on day 1 of the month'],
    ['0 0 1,15 * *', 'at 00:00 on days 1 and 15 of the month'],
    ['0 3 * * 1-5', 'at 03:00 on Monday through Friday'],
    ['0 3 * * MON-FRI', 'at 03:00 on Monday through Friday'],
    ['@weekly', 'at 00:00 on Sunday'],
    ['0 0 * * 7', 'at 00:00 on Sunday'],
    ['0 0 1 1 *', 'at 00:00 on day 1 of the month in January'],
    ['0 9 * JAN-MAR SAT,SUN', 'at 09:00 on Saturday and Sunday in January through March'],
    ['0 0 1 * MON', 'at 00:00 on day 1 of the month or on Monday'],
    ['0 0 */2 * MON', 'at 00:00 on every 2nd day of the month, if it is also Monday'],
    ['5 1-3 * * *', 'at minute 5 past hour 1-3'],
    ['0-30/10 * * * */2', 'at minute 0-30/10 on day-of-week */2'],
  ])('%s → %s', (expression, text) => {
    expect(describeCron(expression)).toBe(text);
  });

  it('throws parseCron’s error for an invalid expression', () => {
    expect(() => describeCron('61 * * * *')).toThrow(/minute "61"/);
  });
});
