import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { AttemptOutcome, ReadPolicy, runRead } from './runRead';

function policy(overrides: Partial<ReadPolicy> = {}): ReadPolicy {
  return {
    limiter: new ConcurrencyLimiter(4),
    maxRetries: 2,
    retryDelayMs: 10,
    readTimeoutMs: 2000,
    ...overrides,
  };
}

const throttled = (retryAfterMs?: number): AttemptOutcome<string> => ({
  ok: false,
  reason: 'throttled',
  message: 'Too many requests',
  retry: true,
  retryAfterMs,
});

describe('runRead', () => {
  it('returns the first successful attempt', async () => {
    const attempt = jest
      .fn()
      .mockResolvedValueOnce(throttled())
      .mockResolvedValueOnce({ ok: true, value: 'body' });

    await expect(runRead(policy(), attempt)).resolves.toEqual({
      ok: true,
      value: 'body',
    });
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('stops after maxRetries', async () => {
    const attempt = jest.fn().mockResolvedValue(throttled());

    const outcome = await runRead(policy({ maxRetries: 2 }), attempt);

    expect(attempt).toHaveBeenCalledTimes(3);
    expect(outcome).toEqual({
      ok: false,
      reason: 'throttled',
      message: 'Too many requests (after 2 retries)',
    });
  });

  it('does not retry a final failure', async () => {
    const attempt = jest.fn().mockResolvedValue({
      ok: false,
      reason: 'forbidden',
      message: 'No access',
      retry: false,
    });

    await expect(runRead(policy(), attempt)).resolves.toEqual({
      ok: false,
      reason: 'forbidden',
      message: 'No access',
    });
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('waits the Retry-After before the next attempt', async () => {
    const times: number[] = [];
    const attempt = jest.fn(async () => {
      times.push(Date.now());
      return times.length === 1
        ? throttled(300)
        : ({ ok: true, value: 'body' } as const);
    });

    await runRead(policy({ retryDelayMs: 1 }), attempt);

    expect(times[1] - times[0]).toBeGreaterThanOrEqual(295);
  });

  it('gives up when Retry-After passes the deadline', async () => {
    const attempt = jest.fn().mockResolvedValue(throttled(5000));

    const outcome = await runRead(policy({ readTimeoutMs: 1000 }), attempt);

    expect(attempt).toHaveBeenCalledTimes(1);
    expect(outcome).toEqual({
      ok: false,
      reason: 'throttled',
      message:
        'Too many requests; the next attempt would start after 5 s, past the read timeout of 1 s',
    });
  });

  it('aborts an attempt at the deadline', async () => {
    let signal: AbortSignal | undefined;
    const attempt = jest.fn(
      (abortSignal: AbortSignal) =>
        new Promise<AttemptOutcome<string>>(() => {
          signal = abortSignal;
        }),
    );

    const outcome = await runRead(policy({ readTimeoutMs: 50 }), attempt);

    expect(outcome).toEqual({
      ok: false,
      reason: 'timeout',
      message: 'The read did not finish within the read timeout of 50 ms',
    });
    expect(signal?.aborted).toBe(true);
  });

  it('turns a thrown error into a failed read', async () => {
    const attempt = jest.fn().mockRejectedValue(new Error('boom'));

    await expect(runRead(policy(), attempt)).resolves.toEqual({
      ok: false,
      reason: 'request-failed',
      message: 'The read failed: boom',
    });
  });
});

describe('ConcurrencyLimiter', () => {
  it('runs at most the limit at once, in order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const started: number[] = [];
    let running = 0;
    let maxRunning = 0;

    await Promise.all(
      [1, 2, 3, 4, 5].map(task =>
        limiter.run(async () => {
          started.push(task);
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await new Promise(resolve => setTimeout(resolve, 10));
          running -= 1;
        }),
      ),
    );

    expect(maxRunning).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(limiter.running).toBe(0);
  });

  it('frees the slot of a failed task', async () => {
    const limiter = new ConcurrencyLimiter(1);

    await expect(
      limiter.run(async () => {
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a limit below one', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(
      "Invalid concurrency limit '0'; expected a whole number, 1 or more",
    );
  });
});
