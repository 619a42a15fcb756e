/**
 * What part of a backup a restore touches (`--only`), by path pattern:
 * - a collection path (`users`, `users/*\/events`): its documents and everything below them;
 * - a document path (`orders/o-1`): exactly that document;
 * - a pattern ending in `/**` (`users/u-1/**`): that document or collection and everything below.
 * `*` matches one id. No patterns: the whole backup.
 * The control collections are never selected, whatever the patterns (a `*` root matches every other collection); a
 * pattern naming one is refused (issue 15, finding 4).
 */
import { controlPatternMessage, controlRootOf } from '../../control-collections';
import { EngineError } from '../../errors';

export interface Selection {
  patterns: string[];
}

const SEGMENT = /^(\*|[^/*]+)$/;

export function parseSelection(patterns: string[] = []): Selection {
  const clean = patterns.map((p) => p.trim().replace(/^\/+|\/+$/g, '')).filter((p) => p !== '');
  for (const p of clean) {
    const segs = p.replace(/\/\*\*$/, '').split('/');
    if (segs.some((s) => !SEGMENT.test(s) || s === '..' || s === '.')) {
      throw new EngineError('invalid_argument', `--only pattern ${JSON.stringify(p)} is not a document or collection path pattern (e.g. users, users/*/events, orders/o-1, users/u-1/**)`);
    }
    const control = controlRootOf(p);
    if (control !== undefined) throw new EngineError('invalid_argument', `--only pattern ${controlPatternMessage(p, control)}`, { details: { pattern: p, collection: control } });
  }
  return { patterns: clean };
}

function segmentsMatch(pattern: string[], path: string[]): boolean {
  return pattern.every((seg, i) => seg === '*' || seg === path[i]);
}

function matches(pattern: string, path: string[]): boolean {
  const subtree = pattern.endsWith('/**');
  const segs = (subtree ? pattern.slice(0, -3) : pattern).split('/');
  if (segs.length > path.length) return false;
  const isDocument = segs.length % 2 === 0;
  if (isDocument && !subtree) return segs.length === path.length && segmentsMatch(segs, path);
  return segmentsMatch(segs, path);
}

/** True when the document at `path` is selected. */
export function isSelected(selection: Selection, path: string): boolean {
  if (controlRootOf(path) !== undefined) return false;
  const segs = path.split('/');
  return selection.patterns.length === 0 || selection.patterns.some((p) => matches(p, segs));
}

/** Root collection ids a selection can touch (a read of the target can be limited to them), or undefined for all. */
export function selectionRoots(selection: Selection): string[] | undefined {
  if (selection.patterns.length === 0) return undefined;
  const roots = selection.patterns.map((p) => p.split('/')[0] ?? '');
  return roots.includes('*') ? undefined : [...new Set(roots)].sort();
}
