/**
 * Wraps a pure function of a string so that each distinct input is computed
 * once. Checks call such functions with the same few hundred values for
 * every service behind a gateway. Past `limit` inputs the memory is cleared,
 * so inputs taken from data cannot grow it without bound. Callers must not
 * change the returned values, because later calls share them.
 */
export function memoizeBounded<T>(
  compute: (input: string) => T,
  limit: number = 4096,
): (input: string) => T {
  const results = new Map<string, T>();

  return input => {
    if (results.has(input)) {
      return results.get(input) as T;
    }

    const result = compute(input);
    if (results.size >= limit) {
      results.clear();
    }
    results.set(input, result);
    return result;
  };
}
