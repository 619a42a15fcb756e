/**
 * Firestore's REST `Value` JSON encoding and the logical format's document shape: declared with the ports (ports.ts)
 * so the ports depend on nothing (issue 16); the encoding rules are written there.
 */
export type { DocumentJson, FirestoreValueJson } from '../ports';
