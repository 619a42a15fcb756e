import { wholeSeconds } from './civil-time';

describe('wholeSeconds', () => {
  it('prints what Date#toISOString prints, over the whole 0001..9999 range and at every boundary', () => {
    const min = -62_135_596_800;
    const max = 253_402_300_799;
    const samples = [min, max, 0, -1, 1, 951_782_400 /* 2000-02-29 */, 4_107_542_400 /* 2100-03-01 */, -2_203_891_200 /* 1900-03-01 */, 68_256_000 /* 1972-02-29 */];
    let seed = 12_345;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 20_000; i++) samples.push(Math.floor(min + random() * (max - min)));
    // Every day boundary of a leap-heavy stretch.
    for (let d = -800; d < 800; d++) samples.push(d * 86_400 - 1, d * 86_400);
    for (const s of samples) expect(wholeSeconds(s)).toBe(new Date(s * 1000).toISOString().slice(0, 19));
  });
});
