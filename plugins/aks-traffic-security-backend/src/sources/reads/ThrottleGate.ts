import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * A pause shared by every read to one endpoint. When a request gets 429,
 * its read closes the gate until the time that the response requests, and
 * no read starts a request to that endpoint before then. Requests already
 * in flight go on.
 *
 * A sleep in each throttled read is not enough, because the server's rate
 * limit counts all of the client's requests. While one read sleeps, the
 * other reads go on sending, drain the limit again and get 429 themselves.
 */
export class ThrottleGate {
  /** The endpoint the gate guards, such as `Azure Resource Manager at https://management.azure.com`. */
  readonly name: string;
  readonly #logger: LoggerService | undefined;
  #reopensAt = 0;
  #pauses = 0;

  constructor(options: { name: string; logger?: LoggerService }) {
    this.name = options.name;
    this.#logger = options.logger;
  }

  /** The time at which the gate opens, in milliseconds since the epoch. It is in the past while the gate is open. */
  get reopensAt(): number {
    return this.#reopensAt;
  }

  /** The number of times the gate closed while it was open. */
  get pauses(): number {
    return this.#pauses;
  }

  isOpen(now: number = Date.now()): boolean {
    return now >= this.#reopensAt;
  }

  /**
   * Closes the gate until `until`, in milliseconds since the epoch. A gate
   * that is already closed until later stays closed until then, because
   * each 429 response states the earliest time that its own server accepts
   * requests again.
   */
  closeUntil(until: number): void {
    if (until <= this.#reopensAt) {
      return;
    }

    const now = Date.now();
    const wasOpen = this.isOpen(now);
    this.#reopensAt = until;
    if (wasOpen && until > now) {
      this.#pauses += 1;
      this.#logger?.info(
        `Pausing requests to ${this.name} for ${
          until - now
        } ms after a 429 response`,
        { endpoint: this.name, pauseMs: until - now },
      );
    }
  }

  /**
   * Waits until the gate is open, waiting again when another 429 closes it
   * for longer meanwhile. Returns true once it is open, or false as soon as
   * the gate is closed until `deadline` or later, without waiting for it.
   */
  async waitUntilOpen(deadline: number = Infinity): Promise<boolean> {
    for (;;) {
      const now = Date.now();
      if (now >= this.#reopensAt) {
        return true;
      }
      if (this.#reopensAt >= deadline) {
        return false;
      }
      await new Promise(resolve => setTimeout(resolve, this.#reopensAt - now));
    }
  }
}
