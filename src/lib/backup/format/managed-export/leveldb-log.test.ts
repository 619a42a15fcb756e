import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { crc32c } from './crc32c';
import { ManagedExportError } from './errors';
import { chunksOf } from './file-source';
import { BLOCK_SIZE, HEADER_SIZE, readLevelDbLog, RecordType, type LogRecord } from './leveldb-log';
import { concatAll, physicalRecord, writeLevelDbLog } from './testing/leveldb-log-writer';

/** Deterministic, position-dependent content so a misplaced byte changes the result. */
function payload(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 17 + (i >> 8)) & 0xff);
}

/** Flips bits of one byte in place. */
function flip(bytes: Uint8Array, at: number, mask: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ mask;
}


async function readAll(bytes: Uint8Array, chunkSize = 4096): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of readLevelDbLog(chunksOf(bytes, chunkSize), { fileName: 'out/output-0' })) out.push(r);
  return out;
}

async function readError(bytes: Uint8Array, options: { maxRecordBytes?: number } = {}): Promise<ManagedExportError> {
  try {
    const records = readLevelDbLog(chunksOf(bytes, 1000), { fileName: 'out/output-0', ...options });
    for (let r = await records.next(); !r.done; r = await records.next()) {
      // Drain: only the error matters.
    }
  } catch (err) {
    if (err instanceof ManagedExportError) return err;
    throw err;
  }
  throw new Error('expected a ManagedExportError');
}

/** Types of the physical records of a well-formed file, walking it the way the writer laid it out. */
function physicalTypes(file: Uint8Array): number[] {
  const types: number[] = [];
  let pos = 0;
  while (pos < file.length) {
    const left = BLOCK_SIZE - (pos % BLOCK_SIZE);
    if (left < HEADER_SIZE) {
      pos += left;
      continue;
    }
    types.push(file[pos + 6] as number);
    pos += HEADER_SIZE + ((file[pos + 4] as number) | ((file[pos + 5] as number) << 8));
  }
  return types;
}

describe('readLevelDbLog', () => {
  it('reads nothing from an empty file', async () => {
    expect(await readAll(new Uint8Array(0))).toEqual([]);
  });

  it('returns small records with their offsets, including an empty record', async () => {
    const records = [payload(10, 1), new Uint8Array(0), payload(300, 2)];
    const got = await readAll(writeLevelDbLog(records));
    expect(got.map((r) => r.data)).toEqual(records);
    expect(got.map((r) => r.offset)).toEqual([0, 17, 24]);
  });

  it('reassembles records larger than a block from FIRST, MIDDLE and LAST fragments', async () => {
    const records = [payload(1000, 1), payload(3 * BLOCK_SIZE + 123, 2), payload(40_000, 3), payload(5, 4)];
    const file = writeLevelDbLog(records);
    const { FULL, FIRST, MIDDLE, LAST } = RecordType;
    expect(physicalTypes(file)).toEqual([FULL, FIRST, MIDDLE, MIDDLE, LAST, FIRST, LAST, FULL]);
    for (const chunkSize of [1, 7, 4096, BLOCK_SIZE - 1, BLOCK_SIZE, BLOCK_SIZE + 1, file.length]) {
      const got = await readAll(file, chunkSize);
      expect(got.map((r) => r.data)).toEqual(records);
      expect(got[1]?.offset).toBe(HEADER_SIZE + 1000);
    }
  });

  it('skips block trailers shorter than a header and handles a zero-length FIRST at exactly 7 bytes left', async () => {
    const { FULL, FIRST, LAST } = RecordType;
    const cases: [number, number[]][] = [
      [0, [FULL, FULL, FULL]],
      [1, [FULL, FULL, FULL]],
      [6, [FULL, FULL, FULL]],
      [7, [FULL, FIRST, LAST, FULL]],
      [8, [FULL, FIRST, LAST, FULL]],
    ];
    for (const [left, types] of cases) {
      const records = [payload(BLOCK_SIZE - HEADER_SIZE - left, left), payload(50, 9), payload(20, 10)];
      const file = writeLevelDbLog(records);
      expect(physicalTypes(file)).toEqual(types);
      const got = await readAll(file, 999);
      expect(got.map((r) => r.data)).toEqual(records);
      expect(got[1]?.offset).toBe(left < HEADER_SIZE ? BLOCK_SIZE : BLOCK_SIZE - left);
    }
  });

  it('accepts a final block padded with zeros', async () => {
    const records = [payload(100, 1), payload(200, 2)];
    const file = writeLevelDbLog(records, { padFinalBlock: true });
    expect(file.length).toBe(BLOCK_SIZE);
    expect((await readAll(file)).map((r) => r.data)).toEqual(records);
  });

  it('reports a flipped payload bit as a CRC mismatch naming the file and the record offset', async () => {
    const file = writeLevelDbLog([payload(100, 1), payload(100, 2)]);
    flip(file, HEADER_SIZE + 100 + HEADER_SIZE + 42, 0x10);
    const err = await readError(file);
    expect(err.code).toBe('CORRUPT');
    expect(err.details).toEqual({ file: 'out/output-0', offset: 107 });
    expect(err.message).toMatch(/^out\/output-0, at byte 107: CRC32C mismatch/);
  });

  it('reports corruption inside a MIDDLE fragment at that fragment, not at the record start', async () => {
    const file = writeLevelDbLog([payload(2 * BLOCK_SIZE + 10, 1)]);
    flip(file, BLOCK_SIZE + 500, 0x01);
    const err = await readError(file);
    expect(err.code).toBe('CORRUPT');
    expect(err.details.offset).toBe(BLOCK_SIZE);
  });

  it('reports a corrupted type byte (covered by the CRC) as a mismatch', async () => {
    const file = writeLevelDbLog([payload(10, 1)]);
    file[6] = RecordType.FIRST;
    expect((await readError(file)).message).toMatch(/CRC32C mismatch/);
  });

  it('reports a file cut inside a payload, inside a header, and before the LAST fragment as TRUNCATED', async () => {
    const small = writeLevelDbLog([payload(100, 1), payload(100, 2)]);
    const inPayload = await readError(small.subarray(0, small.length - 10));
    expect([inPayload.code, inPayload.details.offset]).toEqual(['TRUNCATED', 107]);
    const inHeader = await readError(small.subarray(0, 107 + 3));
    expect([inHeader.code, inHeader.details.offset]).toEqual(['TRUNCATED', 107]);

    const big = writeLevelDbLog([payload(10, 1), payload(BLOCK_SIZE * 2, 2)]);
    const atBlockEdge = await readError(big.subarray(0, BLOCK_SIZE));
    expect(atBlockEdge.code).toBe('TRUNCATED');
    expect(atBlockEdge.details.offset).toBe(HEADER_SIZE + 10);
    expect(atBlockEdge.message).toMatch(/before the record's LAST fragment/);
  });

  it.each([
    ['an unknown record type', [physicalRecord(7, payload(5, 1))], /unknown record type 7/],
    ['a MIDDLE without FIRST', [physicalRecord(RecordType.MIDDLE, payload(5, 1))], /MIDDLE fragment without a FIRST/],
    ['a LAST without FIRST', [physicalRecord(RecordType.LAST, payload(5, 1))], /LAST fragment without a FIRST/],
    [
      'a FULL inside a fragmented record',
      [physicalRecord(RecordType.FIRST, payload(5, 1)), physicalRecord(RecordType.FULL, payload(5, 2))],
      /FULL fragment while the record at byte 0 is unfinished/,
    ],
    [
      'a FIRST inside a fragmented record',
      [physicalRecord(RecordType.FIRST, payload(5, 1)), physicalRecord(RecordType.FIRST, payload(5, 2))],
      /FIRST fragment while the record at byte 0 is unfinished/,
    ],
  ])('reports %s as CORRUPT', async (_, parts, message) => {
    const err = await readError(concatAll(parts));
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toMatch(message);
  });

  it('reports a length that overruns its block as CORRUPT, not as truncation', async () => {
    const record = physicalRecord(RecordType.FULL, payload(100, 1));
    const file = concatAll([record, new Uint8Array(BLOCK_SIZE - record.length), writeLevelDbLog([payload(9, 1)])]);
    file[4] = 0xff;
    file[5] = 0xff;
    const err = await readError(file);
    expect([err.code, err.details.offset]).toEqual(['CORRUPT', 0]);
    expect(err.message).toMatch(/overruns its block/);
  });

  it('reports garbage in a block trailer or in zero padding as CORRUPT', async () => {
    const trailer = writeLevelDbLog([payload(BLOCK_SIZE - 2 * HEADER_SIZE + 3, 1), payload(10, 2)]);
    trailer[BLOCK_SIZE - 1] = 1;
    expect((await readError(trailer)).message).toMatch(/non-zero byte in block trailer/);

    const padded = writeLevelDbLog([payload(10, 1)], { padFinalBlock: true });
    padded[BLOCK_SIZE - 100] = 1;
    const err = await readError(padded);
    expect([err.code, err.details.offset]).toEqual(['CORRUPT', BLOCK_SIZE - 100]);
  });

  it('refuses to assemble a record beyond maxRecordBytes', async () => {
    const file = writeLevelDbLog([payload(3 * BLOCK_SIZE, 1)]);
    const err = await readError(file, { maxRecordBytes: 2 * BLOCK_SIZE });
    expect(err.message).toMatch(/record grows beyond 65536 bytes/);
  });

  it('hands out copies that later blocks do not overwrite', async () => {
    const records = Array.from({ length: 50 }, (_, i) => payload(2000, i));
    const got = await readAll(writeLevelDbLog(records), 777);
    expect(got.map((r) => crc32c(r.data))).toEqual(records.map((r) => crc32c(r)));
  });

  it('reads a Node Readable directly (a real emulator output file, in odd-sized chunks)', async () => {
    const golden = join(__dirname, 'testdata', 'emulator-export');
    const expected = JSON.parse(await readFile(join(golden, 'expected.json'), 'utf8')) as unknown[];
    const stream = createReadStream(join(golden, 'export', 'all_namespaces', 'all_kinds', 'output-0'), {
      highWaterMark: 333,
    });
    let count = 0;
    for await (const record of readLevelDbLog(stream)) count += record.data.length > 0 ? 1 : 0;
    expect(count).toBe(expected.length);
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        yield* chunksOf(writeLevelDbLog([payload(10, 1), payload(10, 2)]), 8);
        yield new Uint8Array(BLOCK_SIZE);
      } finally {
        closed = true;
      }
    }
    const records = readLevelDbLog(source());
    expect((await records.next()).done).toBe(false);
    await records.return();
    expect(closed).toBe(true);
  });
});
