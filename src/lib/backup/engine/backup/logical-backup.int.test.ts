/**
 * Logical backups on the real emulator: every value type round-trips exactly (checked against the emulator's REST
 * API, an independent path), subcollections under missing parents and identical ids in different collections are
 * kept, named databases work, encryption hides the plaintext, and a backup reads at one consistent snapshot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { firestoreEmulatorHost } from '../../../../test/emulator-env';
import { generateDemoData } from '../../../demo/generate-demo-data';
import { seedDemoData } from '../../../demo/seed-demo-data';
import { createFirestoreDatabases } from '../../adapters/firestore-databases';
import type { DocumentJson } from '../../format/firestore-value-json';
import type { DocumentDatabases } from '../../ports';
import { parseManifestText } from '../../format/manifest';
import { readBackupDocuments } from '../restore/backup-reader';
import { createEngineHarness, type EngineHarness } from '../testing/engine-harness';

import { backupRoot } from './backup-deps';

jest.setTimeout(300_000);

const key = randomBytes(32);
let h: EngineHarness;
const dbs = createFirestoreDatabases({ emulatorHost: firestoreEmulatorHost() });

beforeAll(async () => {
  h = createEngineHarness('logical', { encryptionKey: key });
  await seedDemoData(h.db, { documents: 400, seed: 11, projectId: h.projectId });
  await dbs.open({ projectId: h.projectId, databaseId: '(default)' }).writeDocuments(
    [
      { name: 'a/same', fields: { from: { stringValue: 'a' } } },
      { name: 'b/same', fields: { from: { stringValue: 'b' } } },
      { name: 'a/same/c/same', fields: { from: { stringValue: 'a/c' } } },
      // Integral doubles are where SDK-based tools turn doubles into integers.
      { name: 'types/integral-double', fields: { three: { doubleValue: 3 }, list: { arrayValue: { values: [{ doubleValue: 1 }, { integerValue: '1' }] } } } },
    ],
    { mode: 'overwrite', throttle: false },
  );
});

afterAll(async () => {
  await dbs.close();
  await h.close();
});

async function backupDocs(backupId: string, databaseId = '(default)'): Promise<Map<string, DocumentJson>> {
  const root = backupRoot({ projectId: h.projectId, databaseId }, backupId);
  const store = h.engine.deps.store;
  const manifest = parseManifestText((await store.get(`${root}manifest.json`)).toString('utf8'));
  const out = new Map<string, DocumentJson>();
  for await (const d of readBackupDocuments({ store, root, manifest, keyWrapper: h.engine.deps.keyWrapper })) out.set(d.name, d);
  return out;
}

async function restGet(path: string, databaseId = '(default)'): Promise<{ fields: unknown; createTime: string; updateTime: string }> {
  const res = await fetch(`http://${firestoreEmulatorHost()}/v1/projects/${h.projectId}/databases/${databaseId}/documents/${path}`, { headers: { Authorization: 'Bearer owner' } });
  expect(res.status).toBe(200);
  return (await res.json()) as { fields: unknown; createTime: string; updateTime: string };
}

/** REST prints -0 as -0.0 (a JSON -0) and doubles as JSON numbers; the backup spells -0 "-0". */
function asRest(value: unknown): unknown {
  if (value === '-0') return -0;
  if (Array.isArray(value)) return value.map(asRest);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asRest(v)] as const);
    // REST omits `values`/`fields` of empty arrays and maps.
    return Object.fromEntries(entries.filter(([k, v]) => !((k === 'values' || k === 'fields') && ((Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && Object.keys(v).length === 0)))));
  }
  return value;
}

it('backs up every document and value exactly, with create/update times, encrypted at rest', async () => {
  const job = await h.run((await h.engine.createBackup({ method: 'logical' })).id);
  expect(job).toMatchObject({ state: 'succeeded', result: { verified: true, encrypted: true, documents: 404 } });
  const docs = await backupDocs(String(job.result?.backupId));
  expect(docs.size).toBe(404);
  const expectedNames = [...generateDemoData({ documents: 400, seed: 11, projectId: h.projectId })].map((d) => d.name);
  expect([...docs.keys()].sort()).toEqual([...expectedNames, 'a/same', 'b/same', 'a/same/c/same', 'types/integral-double'].sort());
  expect(docs.has('ghosts/missing-parent/children/c-1')).toBe(true);
  expect(docs.get('b/same')?.fields.from).toEqual({ stringValue: 'b' });

  for (const path of ['types/all-values', 'types/integral-double', 'users/u-000001', 'orders/o-000001', 'archive/2025/months/01/reports/r-1']) {
    const rest = await restGet(path);
    const backed = docs.get(path);
    expect(asRest(backed?.fields)).toEqual(rest.fields);
    expect(backed?.createTime).toBe(rest.createTime);
    expect(backed?.updateTime).toBe(rest.updateTime);
  }
  const types = docs.get('types/all-values')?.fields;
  expect(types?.int64Max).toEqual({ integerValue: '9223372036854775807' });
  expect(types?.negZero).toEqual({ doubleValue: '-0' });
  expect(types?.nan).toEqual({ doubleValue: 'NaN' });
  expect(docs.get('types/integral-double')?.fields.three).toEqual({ doubleValue: 3 });

  const root = join(h.bucketDir, h.projectId, '(default)', String(job.result?.backupId), 'chunks');
  const chunk = readdirSync(root)[0] ?? '';
  expect(chunk).toMatch(/^000001\.ndjson\.gz\.enc$/);
  const stored = readFileSync(join(root, chunk));
  expect(stored.includes(Buffer.from('users/u-000001'))).toBe(false);
  expect(() => gunzipSync(stored)).toThrow();
});

it('selects by collection pattern and excludes subtrees', async () => {
  const job = await h.run((await h.engine.createBackup({ method: 'logical', include: ['users', 'a'], exclude: ['users/*/events'] })).id);
  expect(job.state).toBe('succeeded');
  const names = [...(await backupDocs(String(job.result?.backupId))).keys()];
  expect(names.every((n) => n.startsWith('users/') || n.startsWith('a/'))).toBe(true);
  expect(names.some((n) => n.includes('/events/'))).toBe(false);
  expect(names).toContain('a/same/c/same');
});

it('backs up a named database', async () => {
  const named = { projectId: h.projectId, databaseId: 'orders-eu' };
  await dbs.open(named).writeDocuments([{ name: 'orders/x', fields: { total: { doubleValue: 1.5 } } }, { name: 'orders/x/lines/1', fields: {} }], { mode: 'overwrite', throttle: false });
  const job = await h.run((await h.engine.createBackup({ method: 'logical', database: named })).id);
  expect(job).toMatchObject({ state: 'succeeded', result: { documents: 2, database: named } });
  expect([...(await backupDocs(String(job.result?.backupId), 'orders-eu')).keys()]).toEqual(['orders/x', 'orders/x/lines/1']);
});

it('reads one consistent snapshot: documents written during the backup are not in it', async () => {
  const db = dbs.open({ projectId: h.projectId, databaseId: '(default)' });
  const readTime = await db.snapshotTime();
  await db.writeDocuments([{ name: 'late/doc', fields: {} }], { mode: 'overwrite', throttle: false });
  const seen: string[] = [];
  for await (const d of db.streamDocuments({ readTime, rootCollections: ['late'] })) seen.push(d.name);
  expect(seen).toEqual([]);
  const manifestAfter = await h.run((await h.engine.createBackup({ method: 'logical', include: ['late'] })).id);
  expect(manifestAfter.result?.documents).toBe(1);
});

it('reads in parallel key ranges where the database serves them (as on Cloud Firestore): same documents, verified', async () => {
  const single = await h.run((await h.engine.createBackup({ method: 'logical' })).id);
  const deps = h.engine.deps as { databases: DocumentDatabases };
  const original = deps.databases;
  let opened = 0;
  deps.databases = {
    open: (db) => {
      opened++;
      return { ...original.open(db), readStreams: 4 };
    },
    close: () => original.close(),
  };
  try {
    const parallel = await h.run((await h.engine.createBackup({ method: 'logical' })).id);
    expect(parallel).toMatchObject({ state: 'succeeded', result: { verified: true, documents: single.result?.documents } });
    expect(opened).toBeGreaterThan(0);
    const a = await backupDocs(String(single.result?.backupId));
    const b = await backupDocs(String(parallel.result?.backupId));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, doc] of a) expect(b.get(name)).toEqual(doc);
    expect((await h.engine.verifyBackup(String(parallel.result?.backupId))).ok).toBe(true);
  } finally {
    deps.databases = original;
  }
});

it('takes the last backup of the same scope as its progress total on the emulator, and drops it once exceeded', async () => {
  const empty = await h.run((await h.engine.createBackup({ method: 'logical', include: ['grow'] })).id);
  expect(empty).toMatchObject({ state: 'succeeded', result: { documents: 0 } }); // the estimate for the next one: 0
  const db = dbs.open({ projectId: h.projectId, databaseId: '(default)' });
  await db.writeDocuments([{ name: 'grow/1', fields: {} }], { mode: 'overwrite', throttle: false });
  const one = await h.run((await h.engine.createBackup({ method: 'logical', include: ['grow'] })).id);
  expect(one.progress).toMatchObject({ documents: 1, documentsTotal: null });
  const again = await h.run((await h.engine.createBackup({ method: 'logical', include: ['grow'] })).id);
  expect(again.progress).toMatchObject({ documents: 1, documentsTotal: 1 });
});
