/**
 * The import rules `npm run lint` enforces with dependency-cruiser (.dependency-cruiser.cjs) fail a deliberate
 * violation: the fixtures under `lint-fixtures/` (excluded from the normal run) are cruised on their own here, with the
 * repository's rules, and each must report exactly the rule it breaks. Runs the CLI, as `npm run lint` does: the
 * package is ESM-only and Jest loads modules as CommonJS.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const CLI = resolve(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Cruise `files` with the repository's config, but without its exclusion of lint-fixtures/. */
function cruise(...files: string[]): Violation[] {
  const run = spawnSync(process.execPath, [CLI, '--config', '.dependency-cruiser.cjs', '--exclude', '(^|/)node_modules/', '--output-type', 'json', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

const summary = (vs: Violation[]): string[] => [...new Set(vs.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`))].sort();

describe('dependency rules (npm run lint)', () => {
  it('refuses a deep import of the engine from outside it, aliased or relative', () => {
    expect(summary(cruise('src/lib/api/lint-fixtures/deep-import.ts'))).toEqual([
      'one-front-door: src/lib/api/lint-fixtures/deep-import.ts -> src/lib/backup/engine/schedule/parse-cron.ts',
      'one-front-door: src/lib/api/lint-fixtures/deep-import.ts -> src/lib/backup/errors.ts',
    ]);
  }, 60_000);

  it("refuses a 'use client' module that reaches engine code through another module", () => {
    const found = cruise('src/lib/web/lint-fixtures/client-widget.ts').filter((v) => v.rule.name === 'no-engine-in-client-bundles');
    expect(found.every((v) => v.from === 'src/lib/web/lint-fixtures/client-widget.ts')).toBe(true);
    // The front door itself and the engine behind it, neither of which the widget imports directly.
    expect(found.map((v) => v.to)).toEqual(expect.arrayContaining(['src/lib/backup/index.ts', 'src/lib/backup/engine/schedule/describe-cron.ts']));
    // The helper is server code: importing index.ts is allowed there, so it is no violation of its own.
    expect(cruise('src/lib/web/lint-fixtures/engine-helper.ts')).toEqual([]);
  }, 60_000);

  it('refuses an import cycle', () => {
    expect(summary(cruise('src/lib/web/lint-fixtures/cycle-a.ts'))).toEqual([
      'no-circular: src/lib/web/lint-fixtures/cycle-a.ts -> src/lib/web/lint-fixtures/cycle-b.ts',
    ]);
  }, 60_000);
});
