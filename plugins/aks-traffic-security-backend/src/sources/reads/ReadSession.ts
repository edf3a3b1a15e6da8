/**
 * The reads of one refresh. Each read is keyed, and a second request for the
 * same key gets the first one's promise, so every resource is read once per
 * refresh however many entities share it.
 */
export class ReadSession {
  readonly #reads = new Map<string, Promise<unknown>>();
  #started = 0;

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
    this.#started += 1;
    return started;
  }

  /**
   * Drops the stored reads whose key equals `key` or, with `prefix: true`,
   * starts with it, so that their data can be collected. A later request
   * for such a key reads again, so drop only keys that no caller of this
   * session will request again. Returns the number of reads dropped.
   */
  forget(key: string, options?: { prefix?: boolean }): number {
    const normalizedKey = key.toLowerCase();
    if (!options?.prefix) {
      return this.#reads.delete(normalizedKey) ? 1 : 0;
    }

    let dropped = 0;
    for (const storedKey of this.#reads.keys()) {
      if (storedKey.startsWith(normalizedKey)) {
        this.#reads.delete(storedKey);
        dropped += 1;
      }
    }
    return dropped;
  }

  /** The number of distinct reads started in this session, forgotten ones included. */
  get startedReads(): number {
    return this.#started;
  }
}
