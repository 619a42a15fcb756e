/**
 * README.md and docs/*.md link only into the repository: every relative link resolves inside the repository root to
 * a file that exists, and every `#anchor` names a heading of the file it points at. Web links (http, https, mailto)
 * are not followed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { checkLinks, githubSlug } from './lib/docs-links';

const ROOT = resolve(__dirname, '..');
const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

const fs = { exists: existsSync, read: (path: string) => readFileSync(path, 'utf8') };

describe('links in the docs', () => {
  it('covers the three docs the README lists', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', join('docs', 'design.md'), join('docs', 'runbook.md'), join('docs', 'security.md')]));
  });

  it.each(files)('%s links only to files inside the repository, and to headings that exist', (file) => {
    expect(checkLinks(join(ROOT, file), ROOT, fs)).toEqual([]);
  });
});

describe('checkLinks', () => {
  const docs: Record<string, string> = {
    '/repo/README.md': '# Title\n\nSee [design](docs/design.md#the-shape), [out](../shared/DESIGN.md), [abs](/etc/passwd), [web](https://example.com) and `[code](../x.md)`.\n\n```\n[fenced](../y.md)\n```\n',
    '/repo/docs/design.md': '# Design\n\n## The shape\n\n[back](../README.md#title) [gone](missing.md) [bad anchor](#nope) [self](#design)\n',
  };
  const fake = { exists: (p: string) => p in docs, read: (p: string) => docs[p] ?? '' };

  it('names each link that leaves the repository, is missing, or points at no heading', () => {
    expect(checkLinks('/repo/README.md', '/repo', fake)).toEqual(['../shared/DESIGN.md: outside the repository', '/etc/passwd: an absolute path (link relative to the file)']);
    expect(checkLinks('/repo/docs/design.md', '/repo', fake)).toEqual(['missing.md: no such file', '#nope: no heading with this anchor']);
  });

  it('makes GitHub-style heading anchors', () => {
    expect(githubSlug('When the control database is gone')).toBe('when-the-control-database-is-gone');
    expect(githubSlug('2. Pick the recovery point')).toBe('2-pick-the-recovery-point');
    expect(githubSlug('401 vs 403')).toBe('401-vs-403');
    expect(githubSlug('Logical format (`format: 1`): the bucket is the source of truth')).toBe('logical-format-format-1-the-bucket-is-the-source-of-truth');
  });
});
