/**
 * Hands out turns of the event loop one at a time, so that work split into
 * many synchronous steps lets I/O run between the steps. Promises released
 * together by `setImmediate` all run before the loop polls for I/O again,
 * which would hold back every response until the last step is done.
 */
export class EventLoopTurns {
  readonly #waiting: Array<() => void> = [];
  #scheduled = false;

  /** Resolves in a later turn of the event loop than any other waiter. */
  next(): Promise<void> {
    return new Promise(resolve => {
      this.#waiting.push(resolve);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#waiting.length === 0) {
      return;
    }

    this.#scheduled = true;
    // An immediate scheduled from within an immediate runs in the next turn,
    // after the loop has polled for I/O.
    setImmediate(() => {
      this.#scheduled = false;
      this.#waiting.shift()!();
      this.#schedule();
    });
  }
}
