/**
 * Plain-English previews of cron expressions for the Schedules UI ("At 02:00", "On the hour, every 6 hours"), worded
 * by cronstrue. Validation is parseCron's: an invalid expression throws the same EngineError, so cronstrue only ever
 * sees the five validated fields (after macro expansion).
 */
import { toString as cronToText } from 'cronstrue';

import { parseCron } from './parse-cron';

/** A sentence describing when `expression` fires (times are local to the schedule's time zone). */
export function describeCron(expression: string): string {
  const schedule = parseCron(expression);
  return cronToText(schedule.fields.join(' '), {
    throwExceptionOnParseError: true,
    use24HourTimeFormat: true,
    // Vixie cron, as the scheduler evaluates it: a '*'-led day field (e.g. '*\/2') makes the two day fields AND;
    // two restricted ones OR ("on day 1 of the month, and on Monday").
    logicalAndDayFields: schedule.dayOfMonthStar || schedule.dayOfWeekStar,
  });
}
