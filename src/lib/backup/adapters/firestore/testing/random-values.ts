/**
 * Seeded random Firestore values in the shape the GAPIC client's protobufjs decoding yields (one member of the
 * value oneof set; int64 as decimal strings), nested up to a few levels: for tests that compare our wire decoder and
 * encoder with the SDK's own serialization.
 */
import type { ProtoValue } from '../proto-types';

export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['a', 'b', 'name', '0', '1', '7', '10', '42', '007', '-3', '4294967294', '4294967295', 'x.y', 'ü', '😀', '__type__', 'value', ''];

export function randomKey(rand: () => number): string {
  return rand() < 0.7 ? (KEYS[Math.floor(rand() * KEYS.length)] as string) : `k${Math.floor(rand() * 1000)}`;
}

export function randomValue(rand: () => number, depth: number): ProtoValue {
  const pick = Math.floor(rand() * (depth > 3 ? 9 : 11));
  switch (pick) {
    case 0:
      return { nullValue: 'NULL_VALUE' };
    case 1:
      return { booleanValue: rand() < 0.5 };
    case 2: {
      const big = BigInt(Math.floor(rand() * 2 ** 32)) * BigInt(Math.floor(rand() * 2 ** 32)) * (rand() < 0.5 ? -1n : 1n);
      const small = BigInt(Math.floor((rand() - 0.5) * 2 ** (1 + Math.floor(rand() * 60))));
      return { integerValue: BigInt.asIntN(64, rand() < 0.5 ? big : small).toString() };
    }
    case 3: {
      const specials = [0, -0, NaN, Infinity, -Infinity, 1e21, 1e-7, 123.456, -1, 2 ** 53 + 2];
      return { doubleValue: rand() < 0.3 ? (specials[Math.floor(rand() * specials.length)] as number) : (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20) };
    }
    case 4: {
      const seconds = Math.floor((rand() - 0.3) * 2e11);
      const nanos = [0, 500_000_000, 123_000, 123_456_000, 7][Math.floor(rand() * 5)] as number;
      return { timestampValue: { seconds: String(Math.max(-62135596800, Math.min(253402300799, seconds))), nanos } };
    }
    case 5: {
      const chars = ['a', 'Z', ' ', '"', '\\', '\n', '\u0001', 'é', '€', '😀', '\u2028', '/'];
      let s = '';
      const len = Math.floor(rand() * 20);
      for (let i = 0; i < len; i++) s += chars[Math.floor(rand() * chars.length)] as string;
      return { stringValue: s };
    }
    case 6:
      return { bytesValue: Buffer.from(Array.from({ length: Math.floor(rand() * 10) }, () => Math.floor(rand() * 256))) };
    case 7:
      return { referenceValue: `projects/p/databases/(default)/documents/c/${Math.floor(rand() * 100)}` };
    case 8:
      return { geoPointValue: { latitude: (rand() - 0.5) * 180, longitude: (rand() - 0.5) * 360 } };
    case 9:
      return { arrayValue: { values: Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1)) } };
    default: {
      const fields: Record<string, ProtoValue> = {};
      const n = Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) fields[randomKey(rand)] = randomValue(rand, depth + 1);
      return { mapValue: { fields } };
    }
  }
}
