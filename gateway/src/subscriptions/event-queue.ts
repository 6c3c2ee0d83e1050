/**
 * A bounded async queue: events pushed by the fan-out, pulled in order by one subscriber. A push
 * past `maxItems` is refused (returns false): the subscriber is not keeping up, and the caller
 * closes it rather than buffering without end. Closing drops whatever is still queued.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private closed = false;

  constructor(private readonly maxItems = Number.POSITIVE_INFINITY) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): boolean {
    if (this.closed) return true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return true;
    }
    if (this.items.length >= this.maxItems) return false;
    this.items.push(item);
    return true;
  }

  close(): void {
    this.closed = true;
    this.items = [];
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
