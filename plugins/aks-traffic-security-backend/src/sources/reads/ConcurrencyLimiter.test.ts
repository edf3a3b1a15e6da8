import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { withReadPriority } from './readPriority';

/** Creates a task that records its start and runs until `finish` is called. */
function blockingTask(name: string, started: string[]) {
  let finish!: () => void;
  const done = new Promise<void>(resolve => {
    finish = resolve;
  });
  return {
    task: async () => {
      started.push(name);
      await done;
    },
    finish: () => finish(),
  };
}

describe('ConcurrencyLimiter', () => {
  it('gives a free slot to the lowest read priority, then in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const started: string[] = [];
    const first = blockingTask('first', started);
    const running = limiter.run(first.task);

    const queued = [
      withReadPriority(5, () => limiter.run(async () => started.push('5'))),
      limiter.run(async () => started.push('none')),
      withReadPriority(1, () => limiter.run(async () => started.push('1a'))),
      withReadPriority(1, () => limiter.run(async () => started.push('1b'))),
    ];
    first.finish();
    await Promise.all([running, ...queued]);

    expect(started).toEqual(['first', '1a', '1b', '5', 'none']);
  });

  it('runs tasks without a priority in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const started: string[] = [];
    const a = blockingTask('a', started);
    const b = blockingTask('b', started);

    const runs = [
      limiter.run(a.task),
      limiter.run(b.task),
      limiter.run(async () => started.push('c')),
      limiter.run(async () => started.push('d')),
    ];
    expect(limiter.running).toBe(2);
    b.finish();
    a.finish();
    await Promise.all(runs);

    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(limiter.running).toBe(0);
  });

  it('holds an acquired slot until it is released', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    let ran = false;

    const waiting = limiter.run(async () => {
      ran = true;
    });
    await new Promise(resolve => setImmediate(resolve));
    const ranBeforeRelease = ran;
    release();
    await waiting;

    expect(ranBeforeRelease).toBe(false);
    expect(ran).toBe(true);
    expect(limiter.running).toBe(0);
  });

  it('rejects a limit that is not a whole number of 1 or more', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(
      "Invalid concurrency limit '0'; expected a whole number, 1 or more",
    );
  });
});
