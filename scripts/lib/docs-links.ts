/**
 * Checks the links of a Markdown file: relative links must stay inside the repository root and name a file that
 * exists; `#anchors` must name a heading of their file (GitHub's anchor rules). Code blocks and code spans are not
 * links. Web links (http, https, mailto) are not followed.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';

export interface DocFs {
  /** True for an existing file or folder. */
  exists(path: string): boolean;
  read(path: string): string;
}

/** GitHub's heading anchor: lowercase, punctuation dropped (but `-` and `_`), spaces to `-`. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const stripCode = (text: string): string => text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

function anchors(text: string): Set<string> {
  const headings = [...stripCode(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => githubSlug(m[1] ?? ''));
  return new Set(headings);
}

/** Link targets of inline links and images `[text](target)` and reference definitions `[x]: target`. */
function targets(text: string): string[] {
  const body = stripCode(text);
  const inline = [...body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? '');
  const refs = [...body.matchAll(/^\s*\[[^\]]+\]:\s+(\S+)/gm)].map((m) => m[1] ?? '');
  return [...inline, ...refs];
}

/** Problems with the links of `file`, one line each (empty when every link is fine). */
export function checkLinks(file: string, root: string, fs: DocFs): string[] {
  const problems: string[] = [];
  for (const target of targets(fs.read(file))) {
    if (/^(https?:|mailto:)/i.test(target)) continue;
    const [path = '', anchor] = target.split('#', 2);
    if (isAbsolute(path) || /^[a-z][a-z0-9+.-]*:/i.test(path)) {
      problems.push(`${target}: an absolute path (link relative to the file)`);
      continue;
    }
    const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const inside = relative(root, resolved);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      problems.push(`${target}: outside the repository`);
      continue;
    }
    if (!fs.exists(resolved)) {
      problems.push(`${target}: no such file`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !anchors(fs.read(resolved)).has(anchor)) problems.push(`${target}: no heading with this anchor`);
  }
  return problems;
}
