import { mergeStreams } from './merge-streams';

async function* source(name: string, n: number, log: string[]): AsyncGenerator<string> {
  log.push(`start ${name}`);
  try {
    for (let i = 0; i < n; i++) {
      await new Promise((r) => setImmediate(r));
      yield `${name}${i}`;
    }
  } finally {
    log.push(`end ${name}`);
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('mergeStreams', () => {
  it('yields every item once, in order within each source, with at most `concurrency` sources running', async () => {
    const log: string[] = [];
    const items = await collect(mergeStreams(['a', 'b', 'c', 'd'].map((s) => () => source(s, 3, log)), 2));
    expect([...items].sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'c0', 'c1', 'c2', 'd0', 'd1', 'd2']);
    for (const s of ['a', 'b', 'c', 'd']) expect(items.filter((x) => x.startsWith(s))).toEqual([`${s}0`, `${s}1`, `${s}2`]);
    let running = 0;
    let peak = 0;
    for (const line of log) {
      running += line.startsWith('start') ? 1 : -1;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
  });

  it('closes the running sources when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const x of mergeStreams(['a', 'b', 'c'].map((s) => () => source(s, 100, log)), 2)) {
      if (x === 'a1') break;
    }
    expect(log.filter((l) => l.startsWith('end')).sort()).toEqual(['end a', 'end b']);
    expect(log).not.toContain('start c');
  });

  it('propagates a failing source and closes the others', async () => {
    const log: string[] = [];
    async function* failing(): AsyncGenerator<string> {
      await new Promise((r) => setImmediate(r));
      const fail = (): string => {
        throw new Error('boom');
      };
      yield fail();
    }
    await expect(collect(mergeStreams([() => source('a', 100, log), failing], 2))).rejects.toThrow('boom');
    expect(log).toContain('end a');
  });
});
