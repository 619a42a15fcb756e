/**
 * What an integration test needs to reach the emulators safely. Refuses non-loopback hosts and project ids that do
 * not start with `demo-`, so a misconfigured environment can never touch a real project.
 */
import { randomBytes } from 'node:crypto';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d{1,5}$/;

function loopback(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set: run integration tests through jest (global setup)`);
  if (!LOOPBACK.test(value)) throw new Error(`refusing non-loopback ${name}=${value}`);
  return value;
}

/** The Firestore emulator's host:port. */
export function firestoreEmulatorHost(): string {
  return loopback('FIRESTORE_EMULATOR_HOST');
}

/** The Auth emulator's host:port. */
export function authEmulatorHost(): string {
  return loopback('FIREBASE_AUTH_EMULATOR_HOST');
}

/** A fresh `demo-` project id for one test file, so files never see each other's data. */
export function testProjectId(label: string): string {
  const id = `demo-${label}-${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 30);
  if (!id.startsWith('demo-')) throw new Error(`refusing project id ${id}`);
  return id.replace(/-+$/, '');
}

/** Asserts the id is safe to use against the emulator. */
export function assertDemoProject(projectId: string): void {
  if (!projectId.startsWith('demo-')) throw new Error(`refusing project id ${projectId}: tests use demo-* ids`);
}

/**
 * The project the Auth emulator signs users into (API-key calls carry no project). Auth tests use it with unique
 * emails (`uniqueEmail`).
 */
export function authProjectId(): string {
  const id = process.env.BACKUP_TEST_AUTH_PROJECT ?? '';
  assertDemoProject(id);
  return id;
}

/** An email no other test file uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@test.local`;
}
