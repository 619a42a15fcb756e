/** The audit trail: entries, keyed hashing, redaction, chain verification, bucket checkpoints and the store port. */
export * from './anchored-audit-log';
export * from './audit-checkpoints';
export * from './audit-entry';
export * from './audit-key';
export * from '../../ports/audit';
export { canonicalJson } from './canonical-json';
export { REDACTED, SECRET_KEY, sanitizeParams } from './sanitize-params';
export * from './verify-audit-chain';
export * from './verify-audit-trail';
