/**
 * Maps an async source through `f` with up to `ahead` calls running at once, yielding results in
 * the source's order. The source is pulled eagerly (up to `ahead` items) while the consumer works,
 * so that extraction goes on while the writer waits on the database; memory holds `ahead` items.
 */
export async function* orderedMap<T, R>(source: AsyncIterable<T>, f: (item: T) => Promise<R>, ahead: number): AsyncGenerator<R> {
  const input = source[Symbol.asyncIterator]();
  const queue: Promise<R>[] = [];
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && queue.length < ahead) {
      const next = await input.next();
      if (next.done) exhausted = true;
      else {
        const result = f(next.value);
        // Awaited in order below; this keeps a failure that waits its turn from counting as unhandled.
        result.catch(() => undefined);
        queue.push(result);
      }
    }
  };
  let filling = fill();
  filling.catch(() => undefined);
  try {
    for (;;) {
      if (queue.length === 0) {
        await filling;
        if (queue.length === 0) return;
      }
      const head = await queue[0]!;
      void queue.shift();
      filling = filling.then(fill);
      filling.catch(() => undefined);
      yield head;
    }
  } finally {
    await input.return?.();
  }
}
