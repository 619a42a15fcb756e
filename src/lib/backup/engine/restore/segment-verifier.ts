/**
 * Verifies a restore while it writes: once a segment's writes are acknowledged, its documents are read back by path
 * (point reads, no scan) and compared with the backup, while the next segment is being written. One segment is
 * checked at a time, so memory stays bounded by two segments. Per mode: overwrite — identical content;
 * merge — every backup field present with the same value; skip-existing — the document exists.
 *
 * Every selected backup document is checked, including those an earlier attempt wrote (a resumed job) and those
 * already identical in the target. Mirror restores and server-side imports are verified by reading the whole scope
 * instead (verify-restore.ts): one must prove that nothing else is in scope, the other writes only at its end.
 */
import type { DocumentJson } from '../../format/firestore-value-json';
import type { DocumentDatabase } from '../../ports';

import { containsFields, sameFields } from './content-hash';
import type { RestoreMode } from './restore-types';

/** Problems kept per verification: enough to act on, bounded for the job document. */
const MAX_PROBLEMS = 50;

/** Collects the first MAX_PROBLEMS problems of a verification. */
export class ProblemList {
  readonly items: string[] = [];

  add(p: string): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push(p);
  }
}

export interface Expected {
  name: string;
  fields: DocumentJson['fields'];
}

export interface RestoreCheck {
  ok: boolean;
  checked: number;
  problems: string[];
}

export class SegmentVerifier {
  readonly #target: DocumentDatabase;
  readonly #mode: Exclude<RestoreMode, 'mirror'>;
  readonly #signal: AbortSignal;
  #pending: Expected[] = [];
  #running: Promise<void> = Promise.resolve();
  readonly #problems = new ProblemList();
  #checked = 0;

  constructor(opts: { target: DocumentDatabase; mode: Exclude<RestoreMode, 'mirror'>; signal: AbortSignal }) {
    this.#target = opts.target;
    this.#mode = opts.mode;
    this.#signal = opts.signal;
  }

  /** A selected backup document (as written: references already rewritten) to check once its segment is written. */
  add(doc: DocumentJson): void {
    this.#pending.push({ name: doc.name, fields: doc.fields });
  }

  /** The documents added since the last cut: one segment, to pass to {@link segmentWritten} once it is written. */
  cut(): Expected[] {
    const segment = this.#pending;
    this.#pending = [];
    return segment;
  }

  /**
   * `segment` (from {@link cut}) is written: waits for the previous segment's check (and rethrows its failure), then
   * starts reading these back without waiting.
   */
  async segmentWritten(segment: Expected[] = this.cut()): Promise<void> {
    await this.#running;
    if (segment.length === 0) return;
    this.#running = this.#check(segment);
    // Rejections surface at the next segmentWritten/finish; this keeps one from counting as unhandled meanwhile.
    this.#running.catch(() => undefined);
  }

  /** Checks what is left and returns the verdict. */
  async finish(): Promise<RestoreCheck> {
    await this.segmentWritten();
    await this.#running;
    return { ok: this.#problems.items.length === 0, checked: this.#checked, problems: [...this.#problems.items] };
  }

  /** Waits for a check in flight, ignoring its outcome (before giving up on a failed restore). */
  async settle(): Promise<void> {
    await this.#running.catch(() => undefined);
  }

  async #check(segment: Expected[]): Promise<void> {
    const found = await this.#target.getDocuments(
      segment.map((e) => e.name),
      { signal: this.#signal },
    );
    for (const want of segment) {
      const doc = found.get(want.name);
      if (doc === undefined) {
        this.#problems.add(`${want.name}: missing in the target`);
        continue;
      }
      this.#checked += 1;
      if (this.#mode === 'skip-existing') continue;
      const same = this.#mode === 'merge' ? containsFields(doc.fields, want.fields) : sameFields(doc.fields, want.fields);
      if (!same) this.#problems.add(`${want.name}: content differs from the backup`);
    }
  }
}
