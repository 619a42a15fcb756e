/**
 * Jest global setup for the `integration` project: starts a Cloud Firestore emulator and a Firebase Auth emulator on
 * free loopback ports and exports their hosts to the test workers. Each test file then isolates itself by using its
 * own `demo-*` project id (see `src/test/emulator-env.ts`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EMULATOR_PROCESS_ENV } from '../lib/backup/config';
import { startAuthEmulator } from '../lib/local/auth-emulator';
import { resolveFirestoreEmulator, startFirestoreEmulator } from '../lib/local/firestore-emulator';
import { freePort } from '../lib/local/process-utils';
import type { Stoppable } from '../lib/local/process-utils';

/** The Auth emulator answers API-key calls (sign-in) for one project: tests isolate by email instead. */
const AUTH_PROJECT_ID = 'demo-backup-test';

declare global {
  var __BACKUP_TEST_EMULATORS__: Stoppable[] | undefined;
}

export default async function globalSetup(): Promise<void> {
  // Emulators only: no probe of the GCE metadata server (see EMULATOR_PROCESS_ENV); the workers inherit this.
  Object.assign(process.env, EMULATOR_PROCESS_ENV);
  const jar = resolveFirestoreEmulator({ explicitJar: process.env.FIRESTORE_EMULATOR_JAR });
  const workDir = mkdtempSync(join(tmpdir(), 'backup-test-emulators-'));
  const [firestorePort, authPort] = [await freePort(), await freePort()];
  const [firestore, auth] = await Promise.all([
    startFirestoreEmulator({ jar, port: firestorePort }),
    startAuthEmulator({ port: authPort, projectId: AUTH_PROJECT_ID, workDir }),
  ]);
  globalThis.__BACKUP_TEST_EMULATORS__ = [firestore, auth];
  process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
  process.env.FIREBASE_AUTH_EMULATOR_HOST = auth.host;
  process.env.BACKUP_TEST_WORK_DIR = workDir;
  process.env.BACKUP_TEST_AUTH_PROJECT = AUTH_PROJECT_ID;
}
