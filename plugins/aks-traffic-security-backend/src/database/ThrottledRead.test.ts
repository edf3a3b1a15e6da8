import { ThrottledRead } from './ThrottledRead';

describe('ThrottledRead', () => {
  function createRead(values: string[]) {
    let now = 0;
    let reads = 0;
    const read = jest.fn(async () => values[reads++]);
    const throttled = new ThrottledRead(read, {
      maxAgeMs: 1000,
      now: () => now,
    });
    return {
      throttled,
      read,
      advance(ms: number) {
        now += ms;
      },
    };
  }

  it('reuses a read younger than maxAgeMs', async () => {
    const { throttled, read, advance } = createRead(['first', 'second']);

    const first = await throttled.get();
    advance(999);
    const again = await throttled.get();

    expect(first).toBe('first');
    expect(again).toBe('first');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again once the last read is maxAgeMs old', async () => {
    const { throttled, read, advance } = createRead(['first', 'second']);

    await throttled.get();
    advance(1000);
    const next = await throttled.get();

    expect(next).toBe('second');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('shares one read between concurrent callers', async () => {
    const { throttled, read } = createRead(['first']);

    const values = await Promise.all([
      throttled.get(),
      throttled.get(),
      throttled.get(),
    ]);

    expect(values).toEqual(['first', 'first', 'first']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again after a failed read', async () => {
    let fail = true;
    const read = jest.fn(async () => {
      if (fail) {
        throw new Error('connection lost');
      }
      return 'value';
    });
    const throttled = new ThrottledRead(read, { maxAgeMs: 1000, now: () => 0 });

    await expect(throttled.get()).rejects.toThrow('connection lost');
    fail = false;

    expect(await throttled.get()).toBe('value');
    expect(read).toHaveBeenCalledTimes(2);
  });
});
