interface Waiter<T> {
  resolve: (value: T | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads values by key, many keys in one read. The keys requested during one
 * turn of the event loop are read together once the turn ends, in reads of
 * at most `maxBatchSize` keys. Under load, one query then serves many
 * requests, because a query costs the database and the socket about as much
 * for one row as for dozens.
 */
export class BatchedRead<T> {
  readonly #read: (keys: string[]) => Promise<Map<string, T>>;
  readonly #maxBatchSize: number;
  #pending = new Map<string, Waiter<T>[]>();
  #scheduled = false;

  constructor(
    read: (keys: string[]) => Promise<Map<string, T>>,
    options: { maxBatchSize: number },
  ) {
    this.#read = read;
    this.#maxBatchSize = options.maxBatchSize;
  }

  /** Resolves with the key's value, or `undefined` when the read found none. */
  get(key: string): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.#pending.get(key);
      if (waiters) {
        waiters.push({ resolve, reject });
      } else {
        this.#pending.set(key, [{ resolve, reject }]);
      }

      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#readPending());
      }
    });
  }

  #readPending(): void {
    this.#scheduled = false;
    const pending = [...this.#pending];
    this.#pending = new Map();

    for (let start = 0; start < pending.length; start += this.#maxBatchSize) {
      void this.#readBatch(pending.slice(start, start + this.#maxBatchSize));
    }
  }

  async #readBatch(batch: Array<[string, Waiter<T>[]]>): Promise<void> {
    try {
      const values = await this.#read(batch.map(([key]) => key));
      for (const [key, waiters] of batch) {
        const value = values.get(key);
        waiters.forEach(waiter => waiter.resolve(value));
      }
    } catch (error) {
      for (const [, waiters] of batch) {
        waiters.forEach(waiter => waiter.reject(error));
      }
    }
  }
}
