import { CRC32C } from '@google-cloud/storage';

import { crc32c, maskCrc, unmaskCrc } from './crc32c';

/** The CRC32C that Cloud Storage's client validates transfers with: an independent, maintained reference. */
function referenceCrc32c(data: Uint8Array): number {
  const crc = new CRC32C();
  crc.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return crc.valueOf() >>> 0;
}

describe('crc32c', () => {
  it('matches the standard check value and the RFC 3720 / LevelDB vectors', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it('agrees with @google-cloud/storage’s CRC32C on every length around the 8-byte stride', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 151 + 7) & 0xff);
    for (let n = 0; n <= data.length; n += 1) {
      expect(crc32c(data.subarray(0, n))).toBe(referenceCrc32c(data.subarray(0, n)));
    }
  });

  it('continues a running CRC across pieces', () => {
    const data = new TextEncoder().encode('hello, managed export');
    expect(crc32c(data.subarray(9), crc32c(data.subarray(0, 9)))).toBe(crc32c(data));
  });

  it('masks reversibly, and the mask changes the value', () => {
    for (const crc of [0, 1, 0xe3069283, 0xffffffff, 0x80000000]) {
      expect(unmaskCrc(maskCrc(crc))).toBe(crc);
      expect(maskCrc(crc)).not.toBe(crc);
    }
  });
});
