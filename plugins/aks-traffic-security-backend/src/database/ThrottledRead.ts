/**
 * A value read again only when the last read started at least `maxAgeMs`
 * ago. Callers in between get the last read's value, and concurrent callers
 * share one read. A read that fails is not kept.
 *
 * So a change that was committed before time `t` is seen by every call made
 * at `t + maxAgeMs` or later: such a call gets a read that started after `t`.
 */
export class ThrottledRead<T> {
  readonly #read: () => Promise<T>;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #last?: { startedAt: number; value: Promise<T> };

  constructor(
    read: () => Promise<T>,
    options: {
      maxAgeMs: number;
      /** A monotonic clock in milliseconds; `performance.now` by default. */
      now?: () => number;
    },
  ) {
    this.#read = read;
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now ?? (() => performance.now());
  }

  get(): Promise<T> {
    const now = this.#now();
    if (this.#last && now - this.#last.startedAt < this.#maxAgeMs) {
      return this.#last.value;
    }

    const last = { startedAt: now, value: this.#read() };
    this.#last = last;
    last.value.catch(() => {
      if (this.#last === last) {
        this.#last = undefined;
      }
    });
    return last.value;
  }
}
