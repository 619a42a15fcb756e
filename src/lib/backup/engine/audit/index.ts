/** The audit trail: entries, hashing, redaction, chain verification and the store port. */
export * from './audit-entry';
export * from './audit-port';
export { canonicalJson } from './canonical-json';
export { REDACTED, SECRET_KEY, sanitizeParams } from './sanitize-params';
export * from './verify-audit-chain';
export * from './verify-audit-trail';
