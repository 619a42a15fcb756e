import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EmulatorSetupError, findFirestoreEmulatorJar, resolveFirestoreEmulator } from './firestore-emulator';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'jar-search-'));
}

describe('finding the Firestore emulator jar', () => {
  it('prefers FIRESTORE_EMULATOR_JAR and does not fall back when it points nowhere', () => {
    const dir = tempDir();
    const jar = join(dir, 'my.jar');
    writeFileSync(jar, '');
    expect(findFirestoreEmulatorJar({ explicitJar: jar, askGcloud: false }).jar).toBe(jar);
    expect(findFirestoreEmulatorJar({ explicitJar: join(dir, 'missing.jar'), sdkRoots: [dir], askGcloud: false }).jar).toBeUndefined();
  });

  it('finds the jar in an SDK platform folder', () => {
    const root = tempDir();
    const folder = join(root, 'platform', 'cloud-firestore-emulator');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'cloud-firestore-emulator.jar'), '');
    expect(findFirestoreEmulatorJar({ sdkRoots: [root], askGcloud: false }).jar).toBe(join(folder, 'cloud-firestore-emulator.jar'));
  });

  it('falls back to the newest jar in the firebase-tools cache', () => {
    const home = tempDir();
    const cache = join(home, '.cache', 'firebase', 'emulators');
    mkdirSync(cache, { recursive: true });
    for (const v of ['1.18.2', '1.19.9']) writeFileSync(join(cache, `cloud-firestore-emulator-v${v}.jar`), '');
    const found = findFirestoreEmulatorJar({ home, sdkRoots: [], askGcloud: false });
    expect(found.jar).toBe(join(cache, 'cloud-firestore-emulator-v1.19.9.jar'));
    expect(found.tried.at(-1)).toMatch(/cloud-firestore-emulator-\*\.jar$/);
  });

  it('says exactly what to install when the jar is missing', () => {
    const err = (() => {
      try {
        resolveFirestoreEmulator({ explicitJar: '/nonexistent/cloud-firestore-emulator.jar', askGcloud: false, home: tempDir() });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(EmulatorSetupError);
    expect((err as Error).message).toMatch(/jar was not found[\s\S]*\/nonexistent\/cloud-firestore-emulator\.jar/);
    expect((err as Error).message).toMatch(/apt-get install openjdk-17-jre-headless google-cloud-cli-firestore-emulator/);
    expect((err as Error).message).toMatch(/firebase setup:emulators:firestore/);
  });

  it('says to install Java when java is missing', () => {
    expect(() => resolveFirestoreEmulator({ askGcloud: false }, '/nonexistent/java')).toThrow(/Java was not found[\s\S]*openjdk-17-jre-headless/);
  });
});
