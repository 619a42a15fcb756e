/**
 * Read benchmark on the Firestore emulator (a benchmark, not a test: timings vary by machine).
 *   FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 npx tsx src/lib/backup/adapters/firestore/testing/bench-read.ts [docs]
 * Seeds ~N small mixed documents (root collections and subcollections) into a fresh demo- project, then compares
 * docs/s of: the SDK's public API (a collection-group stream per collection id, `.data()` decoded), our raw kindless
 * stream, and our parallel key ranges with 2/4/8 streams.
 */
import { randomBytes } from 'node:crypto';

import { Firestore } from '@google-cloud/firestore';

import type { DocumentJson } from '../../../format/firestore-value-json';
import { createFirestoreDocumentStore } from '../document-store';

function mixedDoc(name: string, i: number): DocumentJson {
  return {
    name,
    fields: {
      i: { integerValue: String(i) },
      d: { doubleValue: i / 7 },
      s: { stringValue: `item ${i}` },
      t: { timestampValue: new Date(1_700_000_000_000 + i * 1000).toISOString() },
      tags: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } },
      m: { mapValue: { fields: { ok: { booleanValue: i % 2 === 0 }, n: { nullValue: null } } } },
    },
  };
}

/** users (N/4, each with one `events` doc), orders (N/4), products (N/4): N documents at two depths. */
function* dataset(total: number): Generator<DocumentJson> {
  const q = Math.floor(total / 4);
  for (let i = 0; i < q; i++) {
    const id = `u${String(i).padStart(6, '0')}`;
    yield mixedDoc(`users/${id}`, i);
    yield mixedDoc(`users/${id}/events/e1`, i);
  }
  for (let i = 0; i < q; i++) yield mixedDoc(`orders/o${String(i).padStart(6, '0')}`, i);
  for (let i = 0; i < q; i++) yield mixedDoc(`products/p${String(i).padStart(6, '0')}`, i);
}

async function timed(label: string, run: () => Promise<number>): Promise<void> {
  const start = performance.now();
  const n = await run();
  const s = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(48)} ${String(n).padStart(7)} docs  ${s.toFixed(2).padStart(6)} s  ${Math.round(n / s).toString().padStart(7)} docs/s`);
}

async function main(): Promise<void> {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  if (host === undefined || !/^(127\.0\.0\.1|localhost):\d+$/.test(host)) throw new Error('set FIRESTORE_EMULATOR_HOST to a loopback emulator');
  const total = Number(process.argv[2] ?? 20_000);
  const projectId = `demo-bench-${randomBytes(3).toString('hex')}`;
  const store = createFirestoreDocumentStore({ projectId, emulatorHost: host });
  await timed('seed (writeDocuments, overwrite, 4 batches in flight)', async () => (await store.writeDocuments(dataset(total), { mode: 'overwrite', throttle: false })).written);
  const readTime = await store.snapshotTime();

  const db = new Firestore({ projectId });
  await timed('(a) SDK public API: collectionGroup().stream()', async () => {
    let n = 0;
    for (const id of ['users', 'events', 'orders', 'products']) {
      for await (const snap of db.collectionGroup(id).stream() as AsyncIterable<{ data(): unknown }>) {
        snap.data();
        n++;
      }
    }
    return n;
  });
  await db.terminate();

  const count = async (partitions: number) => {
    let n = 0;
    for await (const _doc of store.streamDocuments({ readTime, partitions })) n++;
    return n;
  };
  await timed('(b) raw kindless stream at readTime', () => count(1));
  for (const p of [2, 4, 8]) await timed(`(c) parallel key ranges, ${p} streams`, () => count(p));
  await store.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
