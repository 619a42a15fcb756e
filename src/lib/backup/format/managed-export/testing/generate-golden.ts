/**
 * Regenerates `testdata/emulator-export/` from a running Firestore emulator:
 *
 *   FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 npx tsx src/lib/backup/format/managed-export/testing/generate-golden.ts
 *
 * Writes the value and path fixtures (plus a -0 document over gRPC), exports them with the emulator, copies the export
 * files, and records what the REST API returns for each document as `expected.json`. The unit suite then checks the
 * reader against these real bytes without needing an emulator.
 */
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FieldValue, Firestore } from '@google-cloud/firestore';

import { EmulatorClient, normalizeRestFields } from './emulator-client';
import { pathDocuments, valueDocuments } from './emulator-fixtures';

/** Fixed so the reference values in expected.json are stable. */
const GOLDEN_PROJECT_ID = 'demo-golden';
const TARGET = join(__dirname, '..', 'testdata', 'emulator-export');

async function main(host: string): Promise<void> {
  const client = new EmulatorClient(host, GOLDEN_PROJECT_ID);
  const seed = [...valueDocuments(GOLDEN_PROJECT_ID), ...pathDocuments()];
  await client.write(seed);
  // The SDK finds the emulator through FIRESTORE_EMULATOR_HOST, as in the integration test.
  const db = new Firestore({ projectId: GOLDEN_PROJECT_ID });
  await db.doc('types/negativeZero').set({ v: -0, list: [-0, 0.5], vec: FieldValue.vector([-0, 1]) });
  await db.terminate();

  const work = await mkdtemp(join(tmpdir(), 'golden-'));
  try {
    await client.exportTo(work);
    const [folder] = await readdir(work);
    if (folder === undefined) throw new Error('the emulator wrote no export folder');
    await rm(TARGET, { recursive: true, force: true });
    await cp(join(work, folder), join(TARGET, 'export'), { recursive: true });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const paths = [...seed.map((d) => d.path), 'types/negativeZero'].sort();
  const live = await client.getAll(paths);
  const expected = paths.map((name) => ({ name, fields: normalizeRestFields(live.get(name) ?? {}) }));
  await writeFile(join(TARGET, 'expected.json'), `${JSON.stringify(expected, null, 1)}\n`);
}

const host = process.env.FIRESTORE_EMULATOR_HOST;
if (host === undefined) {
  console.error('usage: FIRESTORE_EMULATOR_HOST=host:port generate-golden.ts');
  process.exit(2);
}
main(host).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
