import { randomBytes } from 'node:crypto';
import { isEngineError } from '../errors';
import { ENVELOPE_OVERHEAD, generateDataKey, isSealedChunk, openChunk, sealChunk, sealChunkStream } from './envelope';

const ctx = { backupId: 'bk-1', path: 'chunks/000001.ndjson.gz.enc' };

function expectIntegrity(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isEngineError(caught, 'integrity')).toBe(true);
  expect((caught as Error).message).toMatch(message);
}

describe('chunk envelope (AES-256-GCM)', () => {
  const dataKey = generateDataKey();
  const plaintext = randomBytes(100_000);

  it('round-trips, with the documented overhead, header and a fresh IV per chunk', async () => {
    const a = await sealChunk(plaintext, { ...ctx, dataKey });
    const b = await sealChunk(plaintext, { ...ctx, dataKey });
    expect(a.length).toBe(plaintext.length + ENVELOPE_OVERHEAD);
    expect(a.subarray(0, 4).toString('ascii')).toBe('FBK1');
    expect(isSealedChunk(a)).toBe(true);
    expect(a.subarray(8, 20).equals(b.subarray(8, 20))).toBe(false);
    expect(openChunk(a, { ...ctx, dataKey }).equals(plaintext)).toBe(true);
    expect(openChunk(b, { ...ctx, dataKey }).equals(plaintext)).toBe(true);
  });

  it('streams: pieces in, pieces out, same result as a whole-buffer seal with the same IV', async () => {
    const iv = Buffer.alloc(12, 7);
    const randomFixed = () => Buffer.from(iv);
    async function* pieces() {
      for (let i = 0; i < plaintext.length; i += 4096) yield plaintext.subarray(i, i + 4096);
    }
    const out: Buffer[] = [];
    for await (const p of sealChunkStream(pieces(), { ...ctx, dataKey, randomBytes: randomFixed })) out.push(p);
    expect(out.length).toBeGreaterThan(20);
    expect(Math.max(...out.map((p) => p.length))).toBeLessThanOrEqual(4096);
    expect(Buffer.concat(out).equals(await sealChunk(plaintext, { ...ctx, dataKey, randomBytes: randomFixed }))).toBe(true);
  });

  it('seals an empty chunk', async () => {
    const sealed = await sealChunk(Buffer.alloc(0), { ...ctx, dataKey });
    expect(openChunk(sealed, { ...ctx, dataKey }).length).toBe(0);
  });

  it('rejects a wrong data key, naming the chunk and the key id', async () => {
    const sealed = await sealChunk(plaintext, { ...ctx, dataKey });
    expectIntegrity(
      () => openChunk(sealed, { ...ctx, dataKey: generateDataKey(), keyId: 'env-key-1' }),
      /^chunk chunks\/000001\.ndjson\.gz\.enc: cannot decrypt: .*key id env-key-1/,
    );
  });

  it.each([
    ['a flipped ciphertext byte', (b: Buffer) => { b[500] = (b[500] ?? 0) ^ 1; return b; }, /authentication failed/],
    ['a flipped IV byte', (b: Buffer) => { b[10] = (b[10] ?? 0) ^ 1; return b; }, /authentication failed/],
    ['a flipped tag byte', (b: Buffer) => { b[b.length - 1] = (b[b.length - 1] ?? 0) ^ 1; return b; }, /authentication failed/],
    ['a cut-off tail', (b: Buffer) => b.subarray(0, b.length - 100), /authentication failed/],
    ['a chunk shorter than the envelope', (b: Buffer) => b.subarray(0, 30), /truncated/],
    ['no header', (b: Buffer) => b.subarray(4), /no FBK1 header/],
    ['an unknown envelope version', (b: Buffer) => { b[4] = 9; return b; }, /unsupported envelope \(version 9/],
  ])('rejects %s', async (_what, damage, message) => {
    const sealed = await sealChunk(plaintext, { ...ctx, dataKey });
    expectIntegrity(() => openChunk(damage(Buffer.from(sealed)), { ...ctx, dataKey }), message);
  });

  it('binds the chunk to its path and backup: a moved or borrowed chunk does not open', async () => {
    const sealed = await sealChunk(plaintext, { ...ctx, dataKey });
    expectIntegrity(() => openChunk(sealed, { ...ctx, path: 'chunks/000002.ndjson.gz.enc', dataKey }), /authentication failed/);
    expectIntegrity(() => openChunk(sealed, { ...ctx, backupId: 'bk-2', dataKey }), /authentication failed/);
  });

  it('refuses keys that are not 32 bytes', async () => {
    await expect(sealChunk(plaintext, { ...ctx, dataKey: Buffer.alloc(16) })).rejects.toThrow(/32 bytes, got 16/);
  });
});
