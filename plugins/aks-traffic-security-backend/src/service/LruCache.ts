/**
 * Values computed on demand, by key, with the least recently used dropped
 * past a number of entries or a total weight. Concurrent callers of one key
 * share one computation, and a computation that fails is not kept.
 */
export class LruCache<V> {
  // A Map iterates in insertion order, so re-inserting an entry on each use
  // keeps the least recently used one first.
  readonly #entries = new Map<string, { value: Promise<V>; weight: number }>();
  readonly #maxEntries: number;
  readonly #maxWeight: number;
  readonly #weigh: (value: V) => number;
  #weight = 0;

  constructor(options: {
    maxEntries: number;
    /** The largest total weight of the kept values; unbounded by default. */
    maxWeight?: number;
    /** The weight of a value, such as its number of items; 1 by default. */
    weigh?: (value: V) => number;
  }) {
    this.#maxEntries = options.maxEntries;
    this.#maxWeight = options.maxWeight ?? Infinity;
    this.#weigh = options.weigh ?? (() => 1);
  }

  /** The number of kept entries, computations in flight included. */
  get size(): number {
    return this.#entries.size;
  }

  /** Returns the value kept for the key, or computes and keeps it. */
  get(key: string, compute: () => Promise<V>): Promise<V> {
    const kept = this.#entries.get(key);
    if (kept) {
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept.value;
    }

    const entry = { value: compute(), weight: 0 };
    this.#entries.set(key, entry);
    this.#evict();

    // The weight is known once the value is; an entry dropped meanwhile
    // stays dropped.
    entry.value.then(
      value => {
        if (this.#entries.get(key) === entry) {
          entry.weight = this.#weigh(value);
          this.#weight += entry.weight;
          this.#evict();
        }
      },
      () => {
        if (this.#entries.get(key) === entry) {
          this.#entries.delete(key);
        }
      },
    );
    return entry.value;
  }

  #evict(): void {
    while (
      this.#entries.size > this.#maxEntries ||
      this.#weight > this.#maxWeight
    ) {
      const [key, oldest] = this.#entries.entries().next().value!;
      this.#entries.delete(key);
      this.#weight -= oldest.weight;
    }
  }
}
