import { readAhead } from './read-ahead';

/** A source that records how far it has been pulled and whether it was closed. */
function source(n: number, opts: { failAt?: number } = {}) {
  const state = { pulled: 0, closed: false };
  async function* gen() {
    try {
      for (let i = 0; i < n; i++) {
        await Promise.resolve();
        if (i === opts.failAt) throw new Error(`source broke at ${i}`);
        state.pulled = i + 1;
        yield i;
      }
    } finally {
      state.closed = true;
    }
  }
  return { it: gen(), state };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('readAhead', () => {
  it('yields every item in order', async () => {
    const { it } = source(5000);
    const out: number[] = [];
    for await (const x of readAhead(it, 64)) out.push(x);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('reads ahead while the consumer waits, but never more than max items', async () => {
    const { it, state } = source(1000);
    const ahead = readAhead(it, 10);
    expect((await ahead.next()).value).toBe(0);
    await tick();
    expect(state.pulled).toBeGreaterThanOrEqual(10);
    expect(state.pulled).toBeLessThanOrEqual(12);
    await ahead.return(undefined);
    expect(state.closed).toBe(true);
  });

  it('passes the source failure on after the items before it', async () => {
    const { it } = source(100, { failAt: 30 });
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const x of readAhead(it, 8)) out.push(x);
      })(),
    ).rejects.toThrow('source broke at 30');
    expect(out).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('closes the source when the consumer breaks off', async () => {
    const { it, state } = source(1000);
    for await (const x of readAhead(it, 16)) if (x === 3) break;
    expect(state.closed).toBe(true);
    expect(state.pulled).toBeLessThan(40);
  });
});
