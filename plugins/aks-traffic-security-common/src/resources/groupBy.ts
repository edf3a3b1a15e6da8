/**
 * Groups values by a key, each group in the values' order.
 *
 * @public
 */
export function groupBy<T, K>(
  values: readonly T[],
  keyOf: (value: T) => K,
): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) {
      group.push(value);
    } else {
      groups.set(key, [value]);
    }
  }
  return groups;
}

/**
 * Indexes values by a key. Where values share a key, the first one is kept,
 * as a search in order would find it.
 *
 * @public
 */
export function indexBy<T, K>(
  values: readonly T[],
  keyOf: (value: T) => K,
): Map<K, T> {
  const index = new Map<K, T>();
  for (const value of values) {
    const key = keyOf(value);
    if (!index.has(key)) {
      index.set(key, value);
    }
  }
  return index;
}
