/**
 * The reads of one refresh. Each read is keyed, and a second request for the
 * same key gets the first one's promise, so every resource is read once per
 * refresh however many entities share it, unless it was requested again
 * after {@link ReadSession.forget} dropped it.
 */
export class ReadSession {
  readonly #reads = new Map<string, Promise<unknown>>();
  readonly #groups = new Map<string, ReadSession>();
  /** Shared with the groups, so that the root counts every read. */
  readonly #counter: { started: number };

  constructor(counter: { started: number } = { started: 0 }) {
    this.#counter = counter;
  }

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
    this.#counter.started += 1;
    return started;
  }

  /**
   * Returns the session of a group of reads, such as the lists of one
   * cluster, created on first use. {@link ReadSession.forget} drops a group
   * with all its reads at once.
   */
  group(key: string): ReadSession {
    const normalizedKey = key.toLowerCase();
    let group = this.#groups.get(normalizedKey);
    if (!group) {
      group = new ReadSession(this.#counter);
      this.#groups.set(normalizedKey, group);
    }
    return group;
  }

  /**
   * Drops the read or the group stored under a key, so that its data can be
   * collected. A later request for it reads again, so drop only what no
   * caller of this session will request again.
   */
  forget(key: string): void {
    const normalizedKey = key.toLowerCase();
    this.#reads.delete(normalizedKey);
    this.#groups.delete(normalizedKey);
  }

  /**
   * The number of distinct reads started in the whole refresh, forgotten
   * ones included. A group shares its root's count.
   */
  get startedReads(): number {
    return this.#counter.started;
  }
}
