import { LruCache } from './LruCache';

/** Returns a promise with the functions that settle it, for a computation the test ends. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

describe('LruCache', () => {
  it('keeps at most maxEntries values', async () => {
    const cache = new LruCache<string>({ maxEntries: 2 });
    const compute = jest.fn(async (key: string) => `value of ${key}`);

    for (const key of ['a', 'b', 'c']) {
      await cache.get(key, () => compute(key));
    }
    await cache.get('c', () => compute('c'));
    await cache.get('b', () => compute('b'));
    await cache.get('a', () => compute('a'));

    expect(cache.size).toBe(2);
    expect(compute.mock.calls.map(([key]) => key)).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
  });

  it('drops the least recently used value', async () => {
    const cache = new LruCache<string>({ maxEntries: 2 });
    const compute = jest.fn(async (key: string) => key);

    await cache.get('a', () => compute('a'));
    await cache.get('b', () => compute('b'));
    await cache.get('a', () => compute('a'));
    await cache.get('c', () => compute('c'));
    await cache.get('a', () => compute('a'));
    await cache.get('b', () => compute('b'));

    expect(compute.mock.calls.map(([key]) => key)).toEqual([
      'a',
      'b',
      'c',
      'b',
    ]);
  });

  it('keeps values within maxWeight', async () => {
    const cache = new LruCache<number[]>({
      maxEntries: 10,
      maxWeight: 5,
      weigh: items => items.length,
    });

    await cache.get('three', async () => [1, 2, 3]);
    await cache.get('two', async () => [1, 2]);
    expect(cache.size).toBe(2);

    await cache.get('one', async () => [1]);
    expect(cache.size).toBe(2);

    await cache.get('six', async () => [1, 2, 3, 4, 5, 6]);
    expect(cache.size).toBe(0);
  });

  it('shares a computation in flight', async () => {
    const cache = new LruCache<string>({ maxEntries: 2 });
    const pending = deferred<string>();
    const compute = jest.fn(() => pending.promise);

    const first = cache.get('a', compute);
    const second = cache.get('a', compute);
    pending.resolve('value');

    expect(await first).toBe('value');
    expect(await second).toBe('value');
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('computes again after a failure', async () => {
    const cache = new LruCache<string>({ maxEntries: 2 });
    const failing = deferred<string>();

    const failed = cache.get('a', () => failing.promise);
    failing.reject(new Error('connection lost'));

    await expect(failed).rejects.toThrow('connection lost');
    expect(cache.size).toBe(0);
    expect(await cache.get('a', async () => 'value')).toBe('value');
  });
});
