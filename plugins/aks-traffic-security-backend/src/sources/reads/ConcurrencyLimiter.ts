/**
 * Runs at most a fixed number of tasks at once; the others wait in order.
 */
export class ConcurrencyLimiter {
  readonly #max: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new Error(
        `Invalid concurrency limit '${max}'; expected a whole number, 1 or more`,
      );
    }
    this.#max = max;
  }

  /** The number of tasks running now. */
  get running(): number {
    return this.#running;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#max) {
      await new Promise<void>(resolve => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }

    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) {
        // The slot passes straight to the next task, so the count stays.
        next();
      } else {
        this.#running -= 1;
      }
    }
  }
}
