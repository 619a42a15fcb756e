/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl` (no tz library): the offset of a zone at an
 * instant, the wall time of an instant, and the instant of a wall time — including the two DST cases where a wall time
 * does not map to exactly one instant.
 *
 * Wall times are handled as "wall milliseconds": `Date.UTC(year, month - 1, day, hour, minute)` of the local reading,
 * which makes calendar arithmetic on them plain UTC arithmetic.
 */
import { EngineError } from '../../errors';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A local calendar reading in some zone. `month` is 1-12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** How a wall time maps to instants: once, twice (fall-back overlap) or never (spring-forward gap). */
export type WallTimeKind = 'exact' | 'ambiguous' | 'gap';

export interface ResolvedWallTime {
  /** The instant chosen: the only one, the earlier of two, or the first instant after a gap. */
  instant: number;
  kind: WallTimeKind;
}

// Building a DateTimeFormat costs far more than using one, and schedules ask the same zone thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // 'h23' rather than hour12:false: the latter renders midnight as "24" on some ICU versions.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (err) {
    throw new EngineError('invalid_argument', `unknown time zone ${JSON.stringify(timeZone)}`, {
      details: { timeZone },
      cause: err,
    });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/** Throws EngineError `invalid_argument` unless `timeZone` is an IANA zone name this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The wall time of `instant` (epoch ms) in `timeZone`. */
export function wallTimeOf(instant: number, timeZone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
  }
  return wall;
}

/** `wall` as wall milliseconds (see the module comment). */
export function wallMs(wall: Pick<WallTime, 'year' | 'month' | 'day'> & Partial<WallTime>): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0);
}

/** The zone's UTC offset at `instant`, in ms (east positive: Berlin in winter is +3,600,000). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallMs(wallTimeOf(whole, timeZone)) - whole;
}

/**
 * The instant of a wall time. Exactly one instant: that one. Two (the repeated hour when clocks go back): the
 * earlier. None (the skipped hour when clocks go forward): the first instant after the gap, i.e. the moment of the
 * transition, whose wall reading is the end of the gap (03:00 for a 02:00→03:00 jump).
 *
 * Assumes at most one offset change within a day either side of `wall`, which holds for every zone in tzdata.
 */
export function resolveWallTime(wall: number, timeZone: string): ResolvedWallTime {
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  const [first] = candidates;
  if (first !== undefined) return { instant: first, kind: candidates.length > 1 ? 'ambiguous' : 'exact' };
  return { instant: transitionBetween(wall - after, wall - before, timeZone), kind: 'gap' };
}

/** The first instant in (lo, hi] whose offset differs from lo's, by bisection to the second. */
function transitionBetween(lo: number, hi: number, timeZone: string): number {
  const offsetLo = offsetAt(lo, timeZone);
  let low = lo;
  let high = hi;
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === offsetLo) low = mid;
    else high = mid;
  }
  return high;
}
