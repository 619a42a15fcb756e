/**
 * Default per-test (and per-hook) time limits of each Jest project. The suite runs on a busy 2-core machine shared
 * with the Firestore emulator (and sometimes a 100k-document bench): a contended transaction or an emulator start can
 * legitimately take many seconds there, far past Jest's 5 s default. A limit exists to end a hung test, not to measure
 * speed — timings belong in `npm run bench`. A file may raise its own limit (`jest.setTimeout`), never lower it.
 */
export const TEST_TIMEOUT_MS = {
  unit: 30_000,
  integration: 120_000,
  browser: 240_000,
} as const;

export type TestProject = keyof typeof TEST_TIMEOUT_MS;
