import { randomBytes } from 'node:crypto';
import { isEngineError } from '../../errors';
import type { KeyWrapper } from '../../ports';
import { EnvKeyWrapper } from './env-key-wrapper';

async function expectIntegrity(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isEngineError(err, 'integrity')).toBe(true);
  expect((err as Error).message).toMatch(message);
}

describe('EnvKeyWrapper', () => {
  const key = randomBytes(32);
  const wrapper: KeyWrapper = new EnvKeyWrapper({ keyId: 'env-key-1', key });
  const dataKey = randomBytes(32);

  it('unwraps what it wrapped; every wrap uses a fresh IV', async () => {
    const a = await wrapper.wrap(dataKey);
    const b = await wrapper.wrap(dataKey);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await wrapper.unwrap(a, 'env-key-1')).equals(dataKey)).toBe(true);
    expect((await wrapper.unwrap(b, 'env-key-1')).equals(dataKey)).toBe(true);
  });

  it('writes a self-describing form that names the key id and never contains the data key', async () => {
    const raw = Buffer.from(await wrapper.wrap(dataKey), 'base64');
    expect(raw.subarray(0, 4).toString('ascii')).toBe('FBKW');
    expect(raw.includes(Buffer.from('env-key-1'))).toBe(true);
    expect(raw.includes(dataKey)).toBe(false);
    expect(raw.includes(key)).toBe(false);
  });

  it('a wrong key under the same key id is an integrity error naming the key id', async () => {
    const wrapped = await wrapper.wrap(dataKey);
    const impostor = new EnvKeyWrapper({ keyId: 'env-key-1', key: randomBytes(32) });
    await expectIntegrity(impostor.unwrap(wrapped, 'env-key-1'), /^cannot unwrap the data key: wrong key for key id env-key-1/);
  });

  it('a wrapped key for another key id is refused, naming both ids', async () => {
    const other = new EnvKeyWrapper({ keyId: 'env-key-2', key });
    const wrapped = await wrapper.wrap(dataKey);
    await expectIntegrity(other.unwrap(wrapped, 'env-key-1'), /needs key id env-key-1.*configured key is key id env-key-2/);
    // A manifest edited to claim the configured key id still fails: the id inside the wrapped form is authenticated.
    await expectIntegrity(other.unwrap(wrapped, 'env-key-2'), /names key id env-key-2 but the wrapped key was made with key id env-key-1/);
  });

  it('an edited key id inside the wrapped form breaks authentication', async () => {
    const raw = Buffer.from(await wrapper.wrap(dataKey), 'base64');
    raw[raw.indexOf('env-key-1') + 8] = '2'.charCodeAt(0);
    const other = new EnvKeyWrapper({ keyId: 'env-key-2', key });
    await expectIntegrity(other.unwrap(raw.toString('base64'), 'env-key-2'), /wrong key for key id env-key-2/);
  });

  it.each([
    ['garbage', 'not base64 !!'],
    ['a truncated wrapped key', 'RkJLVwEJZW52LWtleS0x'],
    ['an empty string', ''],
  ])('rejects %s as not a wrapped key', async (_what, wrapped) => {
    await expectIntegrity(wrapper.unwrap(wrapped, 'env-key-1'), /key id env-key-1: not a wrapped key/);
  });

  it('rejects a flipped byte anywhere in the wrapped key', async () => {
    const raw = Buffer.from(await wrapper.wrap(dataKey), 'base64');
    for (let i = 15; i < raw.length; i += 7) {
      const damaged = Buffer.from(raw);
      damaged[i] = (damaged[i] ?? 0) ^ 0x10;
      await expectIntegrity(wrapper.unwrap(damaged.toString('base64'), 'env-key-1'), /wrong key for key id env-key-1/);
    }
  });

  it('refuses a KEK or data key of the wrong size', async () => {
    expect(() => new EnvKeyWrapper({ keyId: 'k', key: randomBytes(16) })).toThrow(/key id k: the key must be 32 bytes, got 16/);
    await expect(wrapper.wrap(randomBytes(31))).rejects.toThrow(/32 bytes, got 31/);
  });
});
