/**
 * After a restore: read the target's scope back and compare it with the backup, per mode —
 * overwrite/mirror: every backup document present with identical content (mirror: and nothing else in scope);
 * merge: every backup field present with the same value; skip-existing: every backup document exists.
 * Per-collection counts are compared too. Problems are collected (first 50), not thrown one by one.
 */
import type { DocumentJson } from '../../format/firestore-value-json';
import type { DocumentDatabase } from '../../ports';

import { containsFields, contentHash } from './content-hash';
import type { RestoreParams } from './restore-types';
import { ProblemList, type RestoreCheck } from './segment-verifier';
import { isSelected, selectionRoots, type Selection } from './selection';

export async function verifyRestore(opts: {
  target: DocumentDatabase;
  params: RestoreParams;
  selection: Selection;
  /** The backup's path → content hash, when the caller already has it (saves decoding the backup again). */
  backupHashes?: ReadonlyMap<string, string>;
  backupDocs: () => AsyncIterable<DocumentJson>;
  signal: AbortSignal;
}): Promise<RestoreCheck> {
  const { params, selection } = opts;
  const keepFields = params.mode === 'merge';
  const wanted = new Map<string, string | DocumentJson['fields']>(keepFields ? [] : (opts.backupHashes ?? []));
  if (keepFields || opts.backupHashes === undefined) {
    for await (const doc of opts.backupDocs()) wanted.set(doc.name, keepFields ? doc.fields : contentHash(doc.fields));
  }
  const problems = new ProblemList();
  const problem = (p: string): void => problems.add(p);
  let checked = 0;
  const stream = opts.target.streamDocuments({ rootCollections: selectionRoots(selection), filter: (p) => isSelected(selection, p), signal: opts.signal });
  for await (const doc of stream) {
    const want = wanted.get(doc.name);
    if (want === undefined) {
      if (params.mode === 'mirror') problem(`${doc.name}: in the target but not in the backup (mirror)`);
      continue;
    }
    wanted.delete(doc.name);
    checked += 1;
    if (params.mode === 'skip-existing') continue;
    const same = typeof want === 'string' ? contentHash(doc.fields) === want : containsFields(doc.fields, want);
    if (!same) problem(`${doc.name}: content differs from the backup`);
  }
  for (const path of wanted.keys()) problem(`${path}: missing in the target`);
  return { ok: problems.items.length === 0, checked, problems: problems.items };
}
