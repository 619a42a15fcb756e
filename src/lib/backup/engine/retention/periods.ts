/**
 * Calendar periods of an instant in an IANA time zone, labelled as they appear in retention reasons: the day
 * `2026-11-20`, the ISO-8601 week `2026-W47` (weeks start on Monday; week 1 holds the year's first Thursday, so
 * 2027-01-01 falls in `2026-W53`) and the month `2026-11`.
 */
import { DAY_MS, wallTimeOf } from '../schedule/zoned-time';

export interface PeriodLabels {
  day: string;
  week: string;
  month: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The day, ISO week and month that `instant` falls in, on the calendar of `timeZone`. */
export function periodLabels(instant: Date, timeZone: string): PeriodLabels {
  const { year, month, day } = wallTimeOf(instant.getTime(), timeZone);
  return {
    day: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    week: isoWeekLabel(year, month, day),
    month: `${pad(year, 4)}-${pad(month)}`,
  };
}

/** ISO week of a calendar date: the week's Thursday decides its year. */
export function isoWeekLabel(year: number, month: number, day: number): string {
  const date = Date.UTC(year, month - 1, day);
  const mondayBased = (new Date(date).getUTCDay() + 6) % 7;
  const thursday = date + (3 - mondayBased) * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS));
  return `${pad(weekYear, 4)}-W${pad(week)}`;
}
