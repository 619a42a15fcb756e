/** Use case: verify a whole stored audit trail, as the Audit tab's "Verify chain" button and `backup:report` do. */
import { isEngineError } from '../../errors';

import type { AuditEntry } from './audit-entry';
import type { AuditLogStore } from './audit-port';
import { verifyAuditChain, type AuditChainReport } from './verify-audit-chain';

export type AuditTrailReport =
  | AuditChainReport
  | { ok: false; checked: number; firstBroken: { seq: number; reason: 'malformed entry'; detail: string } };

/**
 * Reads the head first, then streams every entry through `verifyAuditChain`. A stored document that no longer parses
 * as an entry (a field of the wrong type, an extra field smuggled in) is reported as broken at the position where
 * reading stopped, not thrown: for an audit trail that is evidence of tampering, not an outage. Other errors (the
 * store is unreachable) are thrown.
 */
export async function verifyAuditTrail(store: AuditLogStore): Promise<AuditTrailReport> {
  const head = await store.head();
  let lastGood = 0;
  let read = 0;
  async function* tracked(): AsyncIterable<AuditEntry> {
    for await (const entry of store.readAll()) {
      read++;
      yield entry;
      lastGood = entry.seq;
    }
  }
  try {
    return await verifyAuditChain(tracked(), { head });
  } catch (err) {
    if (!isEngineError(err, 'integrity')) throw err;
    return { ok: false, checked: read + 1, firstBroken: { seq: lastGood + 1, reason: 'malformed entry', detail: err.message } };
  }
}
