/**
 * What the browser tests' global setup started, handed to the test files through a JSON file (workers are separate
 * processes, and settings are not passed through `process.env` outside src/lib/backup/config.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The running stack of one browser test run. */
export interface E2eStack {
  /** http://127.0.0.1:<port> of `next start`. */
  baseUrl: string;
  projectId: string;
  stagingProjectId: string;
  firestoreHost: string;
  authHost: string;
  bucketDir: string;
  password: string;
  /** Documents the demo seed wrote. */
  seededDocuments: number;
}

/** Where the stack description is written; under test-results/ (git-ignored). */
export const STACK_FILE = join(__dirname, '..', '..', 'test-results', 'e2e-stack.json');

/** Reads the stack description the global setup wrote. */
export function readStack(): E2eStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as E2eStack;
}
