/**
 * Which documents a backup or restore covers, by collection path pattern.
 *
 * A document's collection key is its collection path with ancestor ids replaced by `*` (`users/*\/events`), the same
 * key manifests count by. A pattern matches a key when it equals the key or is a segment-wise prefix of it, `*`
 * matching any one segment and a trailing `/**` meaning "and everything below" (the default anyway): `users` covers
 * users and all its subcollections, `users/*\/events` only the events subcollections, `logs/**` the logs tree.
 * Control collections are excluded unless named in `include` explicitly.
 */
import { isControlCollection } from '../../control-collections';
import { EngineError } from '../../errors';
import { collectionGroupKey } from '../../format/managed-export';

export interface Scope {
  include: string[];
  exclude: string[];
}

const PATTERN = /^(\*|[^/*]+)(\/(\*|\*\*|[^/*]+))*$/;

/** Checks patterns; throws `invalid_argument` naming the bad one. */
export function parseScope(input: { include?: string[]; exclude?: string[] }): Scope {
  const clean = (list: string[] | undefined, what: string): string[] =>
    (list ?? []).map((p) => p.trim().replace(/^\/+|\/+$/g, '')).filter((p) => {
      if (p === '') return false;
      if (!PATTERN.test(p) || p.split('/').some((s) => s === '..' || s === '.')) {
        throw new EngineError('invalid_argument', `${what} pattern ${JSON.stringify(p)} is not a collection path pattern (e.g. users, users/*/events, logs/**)`);
      }
      return true;
    });
  return { include: clean(input.include, 'include'), exclude: clean(input.exclude, 'exclude') };
}

/** `users/u1/events/e1` → `users/*\/events`. */
export const collectionKeyOfDocument = collectionGroupKey;

function patternMatches(pattern: string, key: string): boolean {
  const p = pattern.split('/').filter((s, i, all) => !(s === '**' && i === all.length - 1));
  const k = key.split('/');
  if (p.length > k.length) return false;
  return p.every((seg, i) => seg === '*' || seg === '**' || seg === k[i]);
}

/** True when the document at `path` is in scope. */
export function inScope(scope: Scope, path: string): boolean {
  if (scope.include.length === 0 && scope.exclude.length === 0) {
    // The whole database (the usual backup): only the root collection id matters.
    const slash = path.indexOf('/');
    return !isControlCollection(slash < 0 ? path : path.slice(0, slash));
  }
  const key = collectionKeyOfDocument(path);
  const root = key.split('/')[0] ?? '';
  const included = scope.include.length === 0
    ? !isControlCollection(root)
    : scope.include.some((p) => patternMatches(p, key));
  return included && !scope.exclude.some((p) => patternMatches(p, key));
}

/**
 * The top-level collection ids a scope can touch, or undefined for "all": lets a reader skip whole collections and a
 * managed export pass `collectionIds`.
 */
export function rootCollectionsOf(scope: Scope): string[] | undefined {
  if (scope.include.length === 0) return undefined;
  const roots = scope.include.map((p) => p.split('/')[0] ?? '');
  return roots.includes('*') ? undefined : [...new Set(roots)].sort();
}
