/**
 * Golden slot tables: each case of `testdata/dst-slots.input.json` is evaluated with `slotsBetween` and printed as
 * UTC instant, local wall time and offset, so a DST rule change shows up as a readable diff. Compare by default;
 * regenerate with `UPDATE_GOLDEN=1 npx jest src/lib/backup/engine/schedule --selectProjects unit`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { slotsBetween } from './cron-slots';
import { parseCron } from './parse-cron';
import { offsetAt, wallTimeOf } from './zoned-time';

interface SlotCase {
  expression: string;
  timeZone: string;
  from: string;
  to: string;
}

const TESTDATA = join(__dirname, 'testdata');
const cases = JSON.parse(readFileSync(join(TESTDATA, 'dst-slots.input.json'), 'utf8')) as SlotCase[];

const pad = (n: number): string => String(n).padStart(2, '0');

function formatOffset(ms: number): string {
  const minutes = Math.abs(ms) / 60_000;
  return `UTC${ms < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function describeCase(c: SlotCase): string {
  const header = `${c.expression} in ${c.timeZone}, (${c.from}, ${c.to}]`;
  let slots: Date[];
  try {
    slots = slotsBetween(parseCron(c.expression), new Date(c.from), new Date(c.to), c.timeZone);
  } catch (err) {
    return `${header}\n  error: ${(err as Error).message}\n`;
  }
  const lines = slots.map((slot) => {
    const w = wallTimeOf(slot.getTime(), c.timeZone);
    const local = `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
    return `  ${slot.toISOString().slice(0, 16)}Z  ${local}  ${formatOffset(offsetAt(slot.getTime(), c.timeZone))}`;
  });
  return [header, ...(lines.length > 0 ? lines : ['  (no slots)']), ''].join('\n');
}

describe('slotsBetween golden DST tables', () => {
  it('matches testdata/dst-slots.expected.txt', () => {
    const actual = cases.map(describeCase).join('\n');
    const path = join(TESTDATA, 'dst-slots.expected.txt');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });
});
