/**
 * Reads exports written by the real Cloud Firestore emulator and compares every document, value by value, with what
 * the emulator's REST API returns for it. Needs FIRESTORE_EMULATOR_HOST (set by the Jest global setup).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { FieldValue, Firestore } from '@google-cloud/firestore';

import type { DocumentJson } from '../firestore-value-json';
import { ManagedExportError } from './errors';
import { localExportSource } from './file-source';
import { BLOCK_SIZE } from './leveldb-log';
import { collectionGroupKey, countByCollection, readExportLayout, readManagedExport } from './read-export';
import { EmulatorClient, normalizeRestFields, type SeedDocument } from './testing/emulator-client';
import { bigDocuments, bulkDocuments, pathDocuments, valueDocuments } from './testing/emulator-fixtures';

jest.setTimeout(180_000);

const host = process.env.FIRESTORE_EMULATOR_HOST;
const projectId = `demo-mx-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
/** The emulator starts a new output file every 5000 documents; this makes it write two. */
const BULK = 5200;
const BIG = 5;

let client: EmulatorClient;
let workDir: string;
let exportRoot: string;
let written: string[];
let docs: DocumentJson[];

/** The REST API's JSON cannot carry -0 on input (the emulator parses `-0.0` as +0), so this one goes over gRPC. */
async function writeNegativeZero(): Promise<string> {
  const db = new Firestore({ projectId });
  try {
    await db.doc('types/negativeZero').set({ v: -0, list: [-0, 0.5], vec: FieldValue.vector([-0, 1]) });
  } finally {
    await db.terminate();
  }
  return 'types/negativeZero';
}

async function readAll(root: string): Promise<DocumentJson[]> {
  const out: DocumentJson[] = [];
  for await (const doc of readManagedExport(localExportSource(root))) out.push(doc);
  return out;
}

async function expectReadError(root: string): Promise<ManagedExportError> {
  try {
    await readAll(root);
  } catch (err) {
    if (err instanceof ManagedExportError) return err;
    throw err;
  }
  throw new Error('expected a ManagedExportError');
}

beforeAll(async () => {
  if (host === undefined) throw new Error('FIRESTORE_EMULATOR_HOST is not set: run with the integration global setup');
  client = new EmulatorClient(host, projectId);
  const seed: SeedDocument[] = [
    ...valueDocuments(projectId),
    ...pathDocuments(),
    ...bulkDocuments(BULK),
    ...bigDocuments(BIG),
  ];
  await client.write(seed);
  written = [...seed.map((d) => d.path), await writeNegativeZero()];
  workDir = await mkdtemp(join(tmpdir(), 'managed-export-int-'));
  await client.exportTo(workDir);
  const [folder, ...others] = (await readdir(workDir)).filter((f) => f.startsWith('firestore_export_'));
  if (folder === undefined || others.length > 0) throw new Error(`expected one export folder in ${workDir}`);
  exportRoot = join(workDir, folder);
  docs = await readAll(exportRoot);
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('managed export written by the emulator', () => {
  it('yields exactly the documents that were written, missing parents included', () => {
    expect(docs.map((d) => d.name).sort()).toEqual([...written].sort());
  });

  it('matches the REST API value by value for every document', async () => {
    const live = await client.getAll(docs.map((d) => d.name));
    expect(live.size).toBe(docs.length);
    for (const doc of docs) {
      const expected = normalizeRestFields(live.get(doc.name) ?? {});
      // Wrapping in the name makes a failure say which document differs.
      expect({ name: doc.name, fields: doc.fields }).toEqual({ name: doc.name, fields: expected });
    }
  });

  it('keeps the values that lossy decoders get wrong', () => {
    const byName = new Map(docs.map((d) => [d.name, d.fields]));
    const scalars = byName.get('types/scalars');
    expect(scalars?.intBig).toEqual({ integerValue: '9007199254740993' });
    expect(scalars?.intMin).toEqual({ integerValue: '-9223372036854775808' });
    expect(scalars?.bom).toEqual({ stringValue: '\uFEFFleading BOM' });
    const ts = byName.get('types/timestamps');
    // Firestore keeps microseconds: the written nanoseconds are truncated by the emulator, not by us.
    expect(ts?.nanos).toEqual({ timestampValue: '2020-01-01T00:00:00.123456Z' });
    expect(ts?.offset).toEqual({ timestampValue: '2020-01-01T00:00:00.250Z' });
    expect(byName.get('types/doubles')?.nan).toEqual({ doubleValue: 'NaN' });
    const negativeZero = byName.get('types/negativeZero');
    expect(negativeZero?.v).toEqual({ doubleValue: '-0' });
    expect(negativeZero?.list).toEqual({ arrayValue: { values: [{ doubleValue: '-0' }, { doubleValue: 0.5 }] } });
    expect(byName.get('types/references')?.otherDatabase).toEqual({
      referenceValue: 'projects/demo-elsewhere/databases/other-db/documents/a/b/c/d',
    });
    expect(byName.get('ids/__id77__')?.path).toEqual({ stringValue: 'ids/__id77__' });
  });

  it('spans blocks and output files, as the metadata describes', async () => {
    const layout = await readExportLayout(localExportSource(exportRoot));
    const [set, ...more] = layout.entitySets;
    expect(more).toEqual([]);
    expect(set?.collectionId).toBeUndefined();
    expect(set?.documentCount).toBe(written.length);
    expect(set?.outputFiles.length).toBeGreaterThan(1);
    const sizes = await Promise.all((set?.outputFiles ?? []).map(async (f) => (await stat(join(exportRoot, f))).size));
    expect(Math.max(...sizes)).toBeGreaterThan(BLOCK_SIZE * 30);
    expect(set?.byteCount).toBe(sizes.reduce((a, b) => a + b, 0));
  });

  it('counts documents per collection group', async () => {
    const expected = new Map<string, number>();
    for (const path of written) {
      const key = collectionGroupKey(path);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const counts = await countByCollection(docs);
    expect(counts).toEqual(expected);
    expect(counts.get('bulk')).toBe(BULK);
    expect(counts.get('level1/*/level2/*/level3')).toBe(1);
    expect(counts.get('x/*/x')).toBe(1);
  });
});

describe('damaged copies of the emulator export', () => {
  let copyIndex = 0;

  /** Copies the export, lets `damage` edit the largest output file, and returns the copy's root and that file. */
  async function damagedCopy(damage: (bytes: Buffer) => Buffer): Promise<{ root: string; file: string }> {
    const root = join(workDir, `copy-${copyIndex++}`);
    const layout = await readExportLayout(localExportSource(exportRoot));
    const files = await localExportSource(exportRoot).listFiles();
    let largest = { file: '', size: -1 };
    for (const file of files) {
      const bytes = await readFile(join(exportRoot, file));
      const isOutput = layout.entitySets.some((s) => s.outputFiles.includes(file));
      if (isOutput && bytes.length > largest.size) largest = { file, size: bytes.length };
      await writeFileDeep(join(root, file), bytes);
    }
    await writeFile(join(root, largest.file), damage(await readFile(join(exportRoot, largest.file))));
    return { root, file: largest.file };
  }

  it('reports a flipped byte as CORRUPT, naming the file and a record offset before it', async () => {
    const at = 5 * BLOCK_SIZE + 1234;
    const { root, file } = await damagedCopy((b) => {
      b[at] = (b[at] ?? 0) ^ 0x40;
      return b;
    });
    const err = await expectReadError(root);
    expect(err.code).toBe('CORRUPT');
    expect(err.details.file).toBe(file);
    expect(err.details.offset).toBeLessThanOrEqual(at);
    expect(err.details.offset).toBeGreaterThanOrEqual(5 * BLOCK_SIZE);
    // Usually a CRC mismatch; if the flipped bit is in a length field, the framing check fires first.
    expect(err.message).toMatch(/CRC32C mismatch|overruns its block/);
  });

  it('reports a file cut inside a record as TRUNCATED', async () => {
    // Every block starts with a record header, so 3 bytes into a block is always inside one.
    const { root, file } = await damagedCopy((b) => b.subarray(0, 10 * BLOCK_SIZE + 3));
    const err = await expectReadError(root);
    expect([err.code, err.details.file]).toEqual(['TRUNCATED', file]);
  });
});

async function writeFileDeep(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}
