/** Group commit of audit appends: chaining one queued batch onto a head, each input succeeding or failing alone. */
import { headOf, nextAuditEntry, type AuditChainKey, type AuditEntry, type AuditHead, type AuditInput } from '../../ports/audit';

/** One caller waiting for its entry to commit. */
export interface PendingAppend {
  input: AuditInput;
  resolve(entry: AuditEntry): void;
  reject(err: unknown): void;
}

export type AppendOutcome = { ok: true; entry: AuditEntry } | { ok: false; error: unknown };

/**
 * Chains `inputs` in order onto `head`. An input that cannot become an entry (a value canonical JSON refuses, a keyed
 * trail without its key) gets its error and takes no seq; the others chain on. Pure: safe to re-run when the
 * transaction retries on a newer head.
 */
export function chainBatch(inputs: AuditInput[], head: AuditHead, key: AuditChainKey | undefined): { entries: AuditEntry[]; outcomes: AppendOutcome[]; head: AuditHead } {
  const entries: AuditEntry[] = [];
  let current = head;
  const outcomes = inputs.map((input): AppendOutcome => {
    try {
      const entry = nextAuditEntry(input, current, key);
      entries.push(entry);
      current = headOf(entry);
      return { ok: true, entry };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { entries, outcomes, head: current };
}
