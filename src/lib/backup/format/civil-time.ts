/**
 * Civil (calendar) time from seconds since the Unix epoch, by arithmetic, for the timestamp printers of both the live
 * read path (adapters/firestore/timestamps.ts) and the managed-export reader.
 */
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `YYYY-MM-DDTHH:MM:SS` of a whole second since the epoch, for years 0001..9999 (what `Date#toISOString` prints
 * there, by arithmetic: a backup formats several timestamps per document, most of them distinct). Civil date from
 * days after H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil's inverse).
 */
export function wholeSeconds(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const secs = seconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs - hh * 3600) / 60);
  const ss = secs - hh * 3600 - mm * 60;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
}
