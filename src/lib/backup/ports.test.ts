import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCRIPTS = join(ROOT, '..', 'scripts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('ports and concepts are declared once (issue 16)', () => {
  it('ports.ts depends on nothing: the logical format imports the ports, not the other way round', () => {
    expect(readFileSync(join(__dirname, 'ports.ts'), 'utf8')).not.toMatch(/^\s*(import|export)\b[^;]*\bfrom\s/m);
  });

  it.each([
    ['WriteMode', /\btype WriteMode\s*=/],
    ['the job states', /\[\s*'queued',\s*'running',\s*'verifying'/],
    ['the restore modes', /\[\s*'overwrite',\s*'merge',\s*'skip-existing'/],
    ['the restore-target grammar', /database:\[a-z\]|project:\[a-z\]|\^database:|\^project:|startsWith\('(database|project):'\)/],
  ])('%s: one declaration in src/ and scripts/', (_name, pattern) => {
    const hits = [...sources(ROOT), ...sources(SCRIPTS)].filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(hits.map((f) => f.slice(ROOT.length + 1))).toHaveLength(1);
  });
});
