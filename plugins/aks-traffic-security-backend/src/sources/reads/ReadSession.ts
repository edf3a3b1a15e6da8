/**
 * The reads of one refresh. Each read is keyed, and a second request for the
 * same key gets the first one's promise, so every resource is read once per
 * refresh however many entities share it.
 */
export class ReadSession {
  readonly #reads = new Map<string, Promise<unknown>>();

  /**
   * Returns the read stored under a key, starting it with `read` when there
   * is none. Keys are compared in lower case, like ARM ids.
   */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const normalizedKey = key.toLowerCase();
    const existing = this.#reads.get(normalizedKey);
    if (existing) {
      return existing as Promise<T>;
    }

    const started = read();
    this.#reads.set(normalizedKey, started);
    return started;
  }

  /** The number of distinct reads started in this session. */
  get size(): number {
    return this.#reads.size;
  }
}
