/**
 * Runs many async iterables with at most `concurrency` active at once and yields their items as they arrive. Each
 * active source has exactly one `next()` in flight, so memory stays bounded by the sources' own buffers. Order is
 * preserved within a source, not across sources. If a source fails, the others are closed and the error is thrown.
 */
export async function* mergeStreams<T>(sources: Array<() => AsyncIterable<T>>, concurrency: number): AsyncGenerator<T> {
  const queue = [...sources];
  const active = new Map<number, { it: AsyncIterator<T>; next: Promise<{ id: number; result: IteratorResult<T> }> }>();
  let nextId = 0;
  const pull = (id: number, it: AsyncIterator<T>) => ({ it, next: it.next().then((result) => ({ id, result })) });
  const fill = () => {
    while (active.size < Math.max(1, concurrency) && queue.length > 0) {
      const make = queue.shift() as () => AsyncIterable<T>;
      const id = nextId++;
      active.set(id, pull(id, make()[Symbol.asyncIterator]()));
    }
  };
  try {
    fill();
    while (active.size > 0) {
      const { id, result } = await Promise.race([...active.values()].map((a) => a.next));
      const entry = active.get(id);
      if (entry === undefined) continue;
      if (result.done === true) {
        active.delete(id);
        fill();
        continue;
      }
      active.set(id, pull(id, entry.it));
      yield result.value;
    }
  } finally {
    // Early exit or failure: close the sources still running so their RPCs end. Their pending `next()` promises may
    // reject once closed; those rejections are expected and swallowed.
    await Promise.allSettled([...active.values()].map(async (a) => {
      a.next.catch(() => undefined);
      await a.it.return?.();
    }));
  }
}
