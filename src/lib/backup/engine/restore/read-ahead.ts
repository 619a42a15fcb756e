/**
 * Pulls from an async source up to `max` items ahead of its consumer. A restore decodes the backup (CPU) and writes
 * to Firestore (waiting on the server) in turns; reading ahead lets the next segment be decoded while the current one
 * is being written, without writing two segments at once. Memory: at most `max` items waiting.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  let head = 0;
  let done = false;
  let failure: { err: unknown } | undefined;
  let stopped = false;
  let wakeConsumer: (() => void) | undefined;
  let wakePump: (() => void) | undefined;
  const signal = (w: (() => void) | undefined) => w?.();

  const pump = (async () => {
    try {
      while (!stopped) {
        if (queue.length - head >= max) {
          await new Promise<void>((resolve) => {
            wakePump = resolve;
          });
          continue;
        }
        const next = await it.next();
        if (next.done === true) break;
        queue.push(next.value);
        signal(wakeConsumer);
      }
    } catch (err) {
      failure = { err };
    } finally {
      done = true;
      signal(wakeConsumer);
    }
  })();

  try {
    for (;;) {
      if (head < queue.length) {
        const item = queue[head] as T;
        queue[head++] = undefined as T;
        if (head >= 1024 && head * 2 >= queue.length) {
          queue.splice(0, head);
          head = 0;
        }
        signal(wakePump);
        yield item;
        continue;
      }
      if (done) {
        if (failure !== undefined) throw failure.err;
        return;
      }
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
  } finally {
    stopped = true;
    signal(wakePump);
    await pump;
    if (failure === undefined) await it.return?.(); // closes the source (files, streams) when the consumer stopped early
  }
}
