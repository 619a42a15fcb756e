/** The emulator's admin endpoints the bench and the local stack use, against the real emulator. */
import { Firestore } from '@google-cloud/firestore';

import { firestoreEmulatorHost, testProjectId } from '../../test/emulator-env';

import { clearEmulatorDatabase, resolveFirestoreEmulator, startFirestoreEmulator } from './firestore-emulator';
import { freePort } from './process-utils';

// A busy 2-core machine: emulator round trips can take seconds.

describe('clearEmulatorDatabase', () => {
  const cleared = testProjectId('clear');
  const kept = testProjectId('clear-keep');
  const a = new Firestore({ projectId: cleared });
  const b = new Firestore({ projectId: kept });
  afterAll(async () => {
    await a.terminate();
    await b.terminate();
  });

  it('deletes every document of one project, subcollections included, and nothing of another', async () => {
    await a.doc('users/u1').set({ n: 1 });
    await a.doc('users/u1/events/e1').set({ n: 2 });
    await a.doc('orphans/missing/items/i1').set({ n: 3 });
    await b.doc('users/u1').set({ n: 1 });
    await clearEmulatorDatabase({ host: firestoreEmulatorHost(), projectId: cleared });
    expect((await a.collection('users').get()).size).toBe(0);
    expect((await a.collectionGroup('events').get()).size).toBe(0);
    expect((await a.collectionGroup('items').get()).size).toBe(0);
    expect((await b.collection('users').get()).size).toBe(1);
  });

  it('names the project when the emulator refuses', async () => {
    await expect(clearEmulatorDatabase({ host: firestoreEmulatorHost(), projectId: 'demo-x', databaseId: 'no such/db' })).rejects.toThrow(/clearing demo-x in the emulator failed/);
  });
});

describe('startFirestoreEmulator', () => {
  it('tells onExit when the emulator dies after it started (npm start explains a crash from it)', async () => {
    let reportExit: (exit: [number | null, string | null]) => void = () => undefined;
    const exited = new Promise<[number | null, string | null]>((resolve) => (reportExit = resolve));
    const emulator = await startFirestoreEmulator({
      jar: resolveFirestoreEmulator({ explicitJar: process.env.FIRESTORE_EMULATOR_JAR }),
      port: await freePort(),
      onExit: (code, signal) => reportExit([code, signal]),
    });
    process.kill(emulator.pid, 'SIGKILL');
    const silence = new Promise<string>((resolve) => setTimeout(() => resolve('no exit reported within 20 s'), 20_000).unref());
    expect(await Promise.race([exited, silence])).toEqual([null, 'SIGKILL']);
  }, 120_000);
});
