/**
 * `file:///abs/path` ⇄ absolute directory. Only absolute local paths are accepted: a relative root would move with the
 * process's working directory and silently point backups somewhere else.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { EngineError } from '../../errors';

/** The absolute directory a `file:///…` URL names; invalid_argument for anything else. */
export function parseFileStoreUrl(url: string): string {
  const fail = (reason: string): never => {
    throw new EngineError('invalid_argument', `invalid file store URL ${JSON.stringify(url)}: ${reason}`, { details: { url, reason } });
  };
  // `file://dir/x` would read `dir` as a host name and `file:dir` is relative: require the empty host spelled out.
  if (!url.startsWith('file:///')) fail('expected file:/// followed by an absolute path');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new EngineError('invalid_argument', `invalid file store URL ${JSON.stringify(url)}: not a URL`, { cause: err, details: { url } });
  }
  if (parsed.search !== '' || parsed.hash !== '') fail('query strings and fragments are not allowed');
  let path: string;
  try {
    path = fileURLToPath(parsed);
  } catch (err) {
    throw new EngineError('invalid_argument', `invalid file store URL ${JSON.stringify(url)}: ${String(err)}`, { cause: err, details: { url } });
  }
  return checkRootDir(path);
}

/** `rootDir` normalised (no trailing separator, no `.`/`..`), or invalid_argument when it is not absolute. */
export function checkRootDir(rootDir: string): string {
  if (!isAbsolute(rootDir)) {
    throw new EngineError('invalid_argument', `file store root ${JSON.stringify(rootDir)} must be an absolute path`, { details: { rootDir } });
  }
  return resolve(rootDir);
}

/** The canonical `file:///…` URL of a root directory (percent-encoded). */
export function fileStoreUrl(rootDir: string): string {
  return pathToFileURL(rootDir).href;
}
