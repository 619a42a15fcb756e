/**
 * Golden tests: each `testdata/<case>.input.json` (backups, policy, now, time zone) must produce exactly
 * `<case>.expected.json` (the decisions) and `<case>.expected.txt` (the dry-run table). After an intended change,
 * regenerate with `UPDATE_GOLDEN=1 npx jest src/lib/backup/engine/retention --selectProjects unit` and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { applyRetention } from './apply-retention';
import { explainRetention } from './explain-retention';
import type { BackupSummary, RetentionDecision, RetentionPolicy } from './retention-policy';

const TESTDATA = join(__dirname, 'testdata');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface GoldenInput {
  description: string;
  now: string;
  timeZone?: string;
  policy: RetentionPolicy;
  backups: Array<Omit<BackupSummary, 'createdAt' | 'legalHold'> & {
    createdAt: string;
    legalHold?: { reason: string; setBy: string; setAt: string } | null;
  }>;
}

function loadInput(name: string): { input: GoldenInput; backups: BackupSummary[] } {
  const input = JSON.parse(readFileSync(join(TESTDATA, `${name}.input.json`), 'utf8')) as GoldenInput;
  const backups = input.backups.map((b) => ({
    ...b,
    createdAt: new Date(b.createdAt),
    legalHold: b.legalHold ? { ...b.legalHold, setAt: new Date(b.legalHold.setAt) } : null,
  }));
  return { input, backups };
}

/** One decision per line, so a golden diff shows exactly which backups changed. */
function formatDecisions(decisions: readonly RetentionDecision[]): string {
  const lines = decisions.map((d) => `  ${JSON.stringify({ ...d, createdAt: d.createdAt.toISOString() })}`);
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

function golden(file: string, actual: string): void {
  const path = join(TESTDATA, file);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 to create it`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const cases = readdirSync(TESTDATA)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.slice(0, -'.input.json'.length))
  .sort();

describe('applyRetention golden cases', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(cases)('%s', (name) => {
    const { input, backups } = loadInput(name);
    const decisions = applyRetention(backups, input.policy, new Date(input.now), { timeZone: input.timeZone });

    it('matches the golden decisions and table', () => {
      golden(`${name}.expected.json`, formatDecisions(decisions));
      golden(`${name}.expected.txt`, `${input.description}\n\n${explainRetention(decisions)}`);
    });

    it('decides every backup exactly once and explains each decision', () => {
      expect(decisions.map((d) => d.backupId).sort()).toEqual(backups.map((b) => b.backupId).sort());
      for (const d of decisions) expect(d.reasons.length).toBeGreaterThan(0);
    });

    it('never removes a held backup or the newest verified one', () => {
      const held = new Set(backups.filter((b) => b.legalHold).map((b) => b.backupId));
      const newestVerified = [...backups]
        .filter((b) => b.status === 'verified')
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      for (const d of decisions) {
        if (held.has(d.backupId) || d.backupId === newestVerified?.backupId) expect(d.decision).toBe('keep');
      }
    });

    it('keeps no failed backup unless it is held', () => {
      const failed = new Set(backups.filter((b) => b.status === 'failed' && !b.legalHold).map((b) => b.backupId));
      expect(decisions.filter((d) => failed.has(d.backupId) && d.decision === 'keep')).toEqual([]);
    });
  });
});
