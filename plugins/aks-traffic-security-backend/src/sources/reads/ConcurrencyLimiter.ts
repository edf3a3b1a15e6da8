import { currentReadPriority } from './readPriority';

interface Waiter {
  priority: number;
  arrival: number;
  start: () => void;
}

/**
 * Runs at most a fixed number of tasks at once. The others wait, and a free
 * slot goes to the waiting task with the lowest read priority (see
 * `withReadPriority`), the earliest first among equals. Tasks without a
 * priority wait in arrival order.
 */
export class ConcurrencyLimiter {
  readonly #max: number;
  #running = 0;
  #arrivals = 0;
  /** Sorted by priority, then arrival, so the next task is the first. */
  readonly #waiting: Waiter[] = [];

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
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  /**
   * Waits for a slot and returns the function that frees it, for a task
   * that is not one promise. Call the function once.
   */
  async acquire(): Promise<() => void> {
    if (this.#running >= this.#max) {
      await new Promise<void>(start => this.#enqueue(start));
    } else {
      this.#running += 1;
    }
    return () => this.#release();
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) {
      // The slot passes straight to the next task, so the count stays.
      next.start();
    } else {
      this.#running -= 1;
    }
  }

  #enqueue(start: () => void): void {
    const waiter = {
      priority: currentReadPriority(),
      arrival: this.#arrivals++,
      start,
    };

    // Waiters of equal priority arrive in order, so the usual case appends.
    let index = this.#waiting.length;
    while (index > 0 && this.#waiting[index - 1].priority > waiter.priority) {
      index -= 1;
    }
    this.#waiting.splice(index, 0, waiter);
  }
}
