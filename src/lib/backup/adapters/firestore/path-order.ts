/**
 * Firestore's order of document names, for sorting split points returned by PartitionQuery (which may come back in
 * any order). Names compare segment by segment, a prefix first; within a segment numeric ids (`__id<n>__`) sort
 * before string ids and by value, strings by their UTF-8 bytes — the order the SDK implements in
 * build/src/path.js (`compareSegments`).
 */
const NUMERIC_ID = /^__id(-?\d+)__$/;
const utf8 = new TextEncoder();

function compareSegments(a: string, b: string): number {
  const na = NUMERIC_ID.exec(a);
  const nb = NUMERIC_ID.exec(b);
  if (na && nb) {
    const x = BigInt(na[1] ?? '0');
    const y = BigInt(nb[1] ?? '0');
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (na) return -1;
  if (nb) return 1;
  return Buffer.compare(utf8.encode(a), utf8.encode(b));
}

/** Compares two document paths (relative or full names of one database) in Firestore's key order. */
export function compareDocumentPaths(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const c = compareSegments(sa[i] ?? '', sb[i] ?? '');
    if (c !== 0) return c;
  }
  return sa.length - sb.length;
}
