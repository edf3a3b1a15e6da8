import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { AttemptOutcome, ReadPolicy, runRead } from './runRead';
import { ThrottleGate } from './ThrottleGate';

function gatedPolicy(
  overrides: Partial<ReadPolicy> = {},
  maxThrottledRetries?: number,
): ReadPolicy & { gate: ThrottleGate } {
  const gate = new ThrottleGate({ name: 'the test endpoint' });
  return {
    limiter: new ConcurrencyLimiter(4),
    maxRetries: 2,
    retryDelayMs: 10,
    readTimeoutMs: 2000,
    throttle: { gate, maxRetries: maxThrottledRetries },
    gate,
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

const unavailable: AttemptOutcome<string> = {
  ok: false,
  reason: 'server-error',
  message: 'Service unavailable',
  retry: true,
  retryAfterMs: 10,
};

const body: AttemptOutcome<string> = { ok: true, value: 'body' };

/** An attempt function that returns `outcomes` in turn and records when each call came. */
function scripted(...outcomes: AttemptOutcome<string>[]) {
  const calls: number[] = [];
  const attempt = jest.fn(async () => {
    calls.push(Date.now());
    return outcomes[Math.min(calls.length, outcomes.length) - 1];
  });
  return { attempt, calls };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('runRead with a throttle gate', () => {
  it('pauses another read after a 429', async () => {
    const policy = gatedPolicy();
    const first = scripted(throttled(200), body);
    const second = scripted(body);

    const firstRead = runRead(policy, first.attempt);
    await sleep(20);
    expect(policy.gate.isOpen()).toBe(false);
    const reopensAt = policy.gate.reopensAt;
    const secondRead = runRead(policy, second.attempt);

    await expect(firstRead).resolves.toEqual(body);
    await expect(secondRead).resolves.toEqual(body);
    expect(reopensAt - first.calls[0]).toBeGreaterThanOrEqual(200);
    expect(second.calls).toHaveLength(1);
    expect(second.calls[0]).toBeGreaterThanOrEqual(reopensAt);
    expect(first.calls[1]).toBeGreaterThanOrEqual(reopensAt);
  });

  it('sends nothing from a slot that it got while the gate closed', async () => {
    const policy = gatedPolicy({ limiter: new ConcurrencyLimiter(1) });
    let throttledAt = 0;
    const first = jest.fn(async () => {
      await sleep(30);
      if (first.mock.calls.length > 1) {
        return body;
      }
      throttledAt = Date.now();
      return throttled(150);
    });
    const second = scripted(body);

    // The second read waits for the only slot while the first one gets 429.
    const firstRead = runRead(policy, first);
    const secondRead = runRead(policy, second.attempt);

    await expect(secondRead).resolves.toEqual(body);
    await expect(firstRead).resolves.toEqual(body);
    expect(throttledAt).toBeGreaterThan(0);
    expect(second.calls[0] - throttledAt).toBeGreaterThanOrEqual(150);
  });

  it('does not count 429s against maxRetries', async () => {
    const { attempt } = scripted(throttled(10), throttled(10), body);

    const outcome = await runRead(gatedPolicy({ maxRetries: 0 }), attempt);

    expect(outcome).toEqual(body);
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('still counts other failures against maxRetries', async () => {
    const { attempt } = scripted(
      throttled(10),
      unavailable,
      throttled(10),
      unavailable,
    );

    const outcome = await runRead(gatedPolicy({ maxRetries: 1 }), attempt);

    expect(attempt).toHaveBeenCalledTimes(4);
    expect(outcome).toEqual({
      ok: false,
      reason: 'server-error',
      message: 'Service unavailable (after 3 retries)',
    });
  });

  it('stops after the throttle retries', async () => {
    const { attempt } = scripted(throttled(5));

    const outcome = await runRead(gatedPolicy({}, 3), attempt);

    expect(attempt).toHaveBeenCalledTimes(4);
    expect(outcome).toEqual({
      ok: false,
      reason: 'throttled',
      message: 'Too many requests (after 3 retries)',
    });
  });

  it('ends throttled when the gate stays closed past the deadline', async () => {
    const policy = gatedPolicy({ readTimeoutMs: 1000 });
    const { attempt } = scripted(unavailable, body);

    const read = runRead(policy, async () => {
      const outcome = await attempt();
      // Another read's 429 closes the gate while this read backs off.
      policy.gate.closeUntil(Date.now() + 5000);
      return outcome;
    });
    const startedAt = Date.now();
    const outcome = await read;

    expect(Date.now() - startedAt).toBeLessThan(500);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(outcome).toEqual({
      ok: false,
      reason: 'throttled',
      message: `Requests to the test endpoint are paused after a 429 response until ${new Date(
        policy.gate.reopensAt,
      ).toISOString()}, past the read timeout of 1 s`,
    });
  });

  it('does not count the wait before the first attempt', async () => {
    const policy = gatedPolicy({ readTimeoutMs: 100 });
    policy.gate.closeUntil(Date.now() + 250);
    const { attempt, calls } = scripted(body);

    const outcome = await runRead(policy, attempt);

    expect(outcome).toEqual(body);
    expect(calls[0]).toBeGreaterThanOrEqual(policy.gate.reopensAt);
  });

  it('closes the gate for at most the read timeout', async () => {
    const policy = gatedPolicy({ readTimeoutMs: 300 });
    const { attempt, calls } = scripted(throttled(60_000));

    const outcome = await runRead(policy, attempt);

    expect(outcome).toEqual({
      ok: false,
      reason: 'throttled',
      message:
        'Too many requests; the next attempt would start after 60 s, past the read timeout of 1 s',
    });
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(policy.gate.reopensAt - calls[0]).toBeGreaterThanOrEqual(300);
    expect(policy.gate.reopensAt - calls[0]).toBeLessThan(400);
  });

  it('backs off when a 429 has no Retry-After', async () => {
    const policy = gatedPolicy({ retryDelayMs: 100 });
    const { attempt, calls } = scripted(throttled(), body);

    const outcome = await runRead(policy, attempt);

    expect(outcome).toEqual(body);
    // The first backoff is retryDelayMs with 25 % jitter either way.
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(75);
    expect(calls[1] - calls[0]).toBeLessThan(200);
  });

  it('leaves a 503 to its own Retry-After', async () => {
    const policy = gatedPolicy();
    const { attempt } = scripted(unavailable, body);

    await expect(runRead(policy, attempt)).resolves.toEqual(body);
    expect(policy.gate.pauses).toBe(0);
  });
});

describe('runRead after 429 responses', () => {
  it('reports a read cut off at its deadline as throttled', async () => {
    const policy = gatedPolicy({ readTimeoutMs: 300 });
    let calls = 0;

    const outcome = await runRead(policy, async signal => {
      calls += 1;
      if (calls === 1) {
        return throttled(50);
      }
      // The second attempt outlasts the deadline.
      await new Promise(resolve => signal.addEventListener('abort', resolve));
      return body;
    });

    expect(outcome).toMatchObject({ ok: false, reason: 'throttled' });
    expect(calls).toBe(2);
  });

  it('stays throttled when the clock is set back', async () => {
    const policy = gatedPolicy({ readTimeoutMs: 300 });
    const realNow = Date.now.bind(Date);
    let clockOffsetMs = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + clockOffsetMs);
    let calls = 0;

    try {
      const outcome = await runRead(policy, async signal => {
        calls += 1;
        if (calls === 1) {
          return throttled(50);
        }
        // The system clock goes back a second while the cut-off timer runs.
        clockOffsetMs = -1000;
        await new Promise(resolve => signal.addEventListener('abort', resolve));
        return body;
      });

      expect(outcome).toMatchObject({ ok: false, reason: 'throttled' });
      expect(calls).toBe(2);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
