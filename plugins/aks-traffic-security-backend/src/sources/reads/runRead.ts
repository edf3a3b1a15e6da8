import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { ThrottleGate } from './ThrottleGate';

/** A read that did not succeed, with the `ReadFailure` reason it becomes. */
export interface FailedRead {
  ok: false;
  /**
   * `not-found`, `forbidden`, `throttled`, `timeout`, `server-error`,
   * `network-error`, `request-failed`, `credential-failed` or `invalid-response`.
   */
  reason: string;
  message: string;
}

/** An attempt of a read that did not succeed. */
export interface FailedAttempt extends FailedRead {
  /** True when another attempt may succeed, as after a 429 or a 503. */
  retry: boolean;
  /** The wait the server asked for with `Retry-After`, in milliseconds. */
  retryAfterMs?: number;
}

/** The result of one attempt of a read. */
export type AttemptOutcome<T> = { ok: true; value: T } | FailedAttempt;

export type ReadOutcome<T> = { ok: true; value: T } | FailedRead;

/** The settings of reads: concurrency, retries and the time each read may take. */
export interface ReadPolicy {
  limiter: ConcurrencyLimiter;
  maxRetries: number;
  /** The first backoff between retries, doubled on each retry. */
  retryDelayMs: number;
  /** How long one read may take, its retries and waits included. */
  readTimeoutMs: number;
  /**
   * The pause shared by the reads of one endpoint after a 429. Without it, a
   * throttled attempt waits on its own and counts against `maxRetries` like
   * any other failure.
   */
  throttle?: ThrottlePolicy;
}

/** The handling of 429 responses for the reads of one endpoint. */
export interface ThrottlePolicy {
  gate: ThrottleGate;
  /**
   * How many 429 responses one read retries, counted apart from
   * `maxRetries`. Defaults to {@link DEFAULT_MAX_THROTTLED_RETRIES}.
   */
  maxRetries?: number;
}

/**
 * The default number of 429 responses that one read retries. The read
 * timeout usually ends a throttled read first. This cap stops a read whose
 * server keeps sending 429 with `Retry-After: 0`.
 */
export const DEFAULT_MAX_THROTTLED_RETRIES = 20;

const MAX_BACKOFF_MS = 30_000;

/** Returned from a slot whose read found the gate closed, so that it sends nothing. */
const GATE_CLOSED = Symbol('gate closed');

/**
 * The outcomes of attempts that the read's deadline cut off. The timer that
 * cuts an attempt off counts from the event loop's cached time, and the
 * system clock can be set back meanwhile, so `Date.now()` may not have
 * reached the deadline when the timer fires.
 */
const cutOffOutcomes = new WeakSet<AttemptOutcome<unknown>>();

/**
 * Runs one read: each attempt in a slot of the limiter, retried with
 * exponential backoff while the outcome allows it, waiting as long as a
 * `Retry-After` header requests. The read timeout starts with the first
 * attempt and covers the retries and the waits. An attempt still running at
 * the deadline is aborted through its signal, and the read fails with
 * `timeout`.
 * A `Retry-After` that reaches past the deadline ends the read with the
 * attempt's own reason, such as `throttled`, rather than waiting in vain.
 *
 * With a throttle policy, a 429 closes the endpoint's gate instead of
 * pausing this read alone, every attempt waits for the gate first, and 429
 * responses count against the throttle policy's own retries. This split
 * exists because a shared pause lets throttled reads succeed by waiting,
 * while `maxRetries` stays the budget for real failures. Without the gate,
 * more retries would only send more requests into the rate limit.
 *
 * Never rejects: an attempt that throws becomes a `request-failed` outcome.
 */
export async function runRead<T>(
  policy: ReadPolicy,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome<T>>,
): Promise<ReadOutcome<T>> {
  // Set when the first attempt gets a slot, so that waiting for a slot, or
  // for the gate before the first attempt, does not count.
  const clock: { deadline?: number } = {};
  const counts = { retries: 0, throttledRetries: 0 };

  for (;;) {
    const paused = await waitForGate(policy, clock.deadline);
    if (paused) {
      return paused;
    }

    const slot = await policy.limiter.run(async () => {
      // Another read may have closed the gate while this one waited for a slot.
      if (policy.throttle && !policy.throttle.gate.isOpen()) {
        return GATE_CLOSED;
      }
      clock.deadline ??= Date.now() + policy.readTimeoutMs;
      const result = await attemptUntil(
        clock.deadline,
        policy.readTimeoutMs,
        attempt,
      );
      // The gate closes before the slot passes to a waiting read, so that
      // read cannot send a request in between.
      return {
        outcome: result,
        pauseMs: closeGateAfter429(policy, result, counts.throttledRetries),
      };
    });
    if (slot === GATE_CLOSED) {
      continue;
    }
    const { outcome, pauseMs } = slot;
    if (outcome.ok) {
      return outcome;
    }

    // A read that 429 responses kept waiting until its deadline failed
    // because of the throttling, even when its last attempt was cut off.
    const throttledOut =
      cutOffOutcomes.has(outcome) && counts.throttledRetries > 0;
    const failure: FailedRead = {
      ok: false,
      reason: throttledOut ? 'throttled' : outcome.reason,
      message: throttledOut
        ? `${outcome.message}, after ${counts.throttledRetries} responses of 429`
        : outcome.message,
    };
    const retriesSoFar = counts.retries + counts.throttledRetries;
    const remaining = clock.deadline! - Date.now();

    if (pauseMs !== undefined) {
      if (
        counts.throttledRetries >=
        (policy.throttle?.maxRetries ?? DEFAULT_MAX_THROTTLED_RETRIES)
      ) {
        return afterRetries(failure, retriesSoFar);
      }
      if (pauseMs >= remaining) {
        return pastDeadline(failure, pauseMs, policy.readTimeoutMs);
      }
      // The gate, closed above, makes this read wait at the top of the loop.
      counts.throttledRetries += 1;
      continue;
    }

    if (!outcome.retry || counts.retries >= policy.maxRetries) {
      return afterRetries(failure, retriesSoFar);
    }
    const wait =
      outcome.retryAfterMs ?? backoff(policy.retryDelayMs, counts.retries);
    if (wait >= remaining) {
      return pastDeadline(failure, wait, policy.readTimeoutMs);
    }
    counts.retries += 1;
    await new Promise(resolve => setTimeout(resolve, wait));
  }
}

/**
 * Waits for the throttle gate. Returns a `throttled` failure, without
 * waiting, when the gate stays closed until the read's deadline or later.
 * A read that has not started has no deadline yet, so it waits. Each pause
 * is at most one read timeout long (see {@link closeGateAfter429}).
 */
async function waitForGate(
  policy: ReadPolicy,
  deadline: number | undefined,
): Promise<FailedRead | undefined> {
  const gate = policy.throttle?.gate;
  if (!gate || (await gate.waitUntilOpen(deadline))) {
    return undefined;
  }
  return {
    ok: false,
    reason: 'throttled',
    message: `Requests to ${
      gate.name
    } are paused after a 429 response until ${new Date(
      gate.reopensAt,
    ).toISOString()}, past the read timeout of ${Math.ceil(
      policy.readTimeoutMs / 1000,
    )} s`,
  };
}

/**
 * Closes the gate after a 429 and returns the pause that the response
 * requests with `Retry-After`, or else the backoff of the read's throttled
 * retries. Returns `undefined` for any other outcome, or when the policy
 * has no gate.
 *
 * One pause lasts at most one read timeout, the longest a read may take.
 * Azure counts its limits per principal and subscription or per resource
 * provider, so a long `Retry-After` may cover only some of the reads to the
 * endpoint. After the capped pause the waiting reads send again: a read
 * that is still throttled ends `throttled` once its own `Retry-After`
 * passes its deadline, and the others succeed.
 */
function closeGateAfter429(
  policy: ReadPolicy,
  outcome: AttemptOutcome<unknown>,
  throttledRetries: number,
): number | undefined {
  if (
    !policy.throttle ||
    outcome.ok ||
    !outcome.retry ||
    outcome.reason !== 'throttled'
  ) {
    return undefined;
  }

  const pauseMs =
    outcome.retryAfterMs ?? backoff(policy.retryDelayMs, throttledRetries);
  policy.throttle.gate.closeUntil(
    Date.now() + Math.min(pauseMs, policy.readTimeoutMs),
  );
  return pauseMs;
}

function afterRetries(failure: FailedRead, retries: number): FailedRead {
  return retries > 0
    ? { ...failure, message: `${failure.message} (after ${retries} retries)` }
    : failure;
}

function pastDeadline(
  failure: FailedRead,
  waitMs: number,
  readTimeoutMs: number,
): FailedRead {
  return {
    ...failure,
    message: `${
      failure.message
    }; the next attempt would start after ${Math.ceil(
      waitMs / 1000,
    )} s, past the read timeout of ${Math.ceil(readTimeoutMs / 1000)} s`,
  };
}

async function attemptUntil<T>(
  deadline: number,
  readTimeoutMs: number,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome<T>>,
): Promise<AttemptOutcome<T>> {
  const timedOut: AttemptOutcome<T> = {
    ok: false,
    reason: 'timeout',
    message: `The read did not finish within the read timeout of ${readTimeoutMs} ms`,
    retry: false,
  };
  cutOffOutcomes.add(timedOut);
  const remaining = deadline - Date.now();
  if (remaining <= 0) {
    return timedOut;
  }

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadlinePassed = new Promise<AttemptOutcome<T>>(resolve => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(timedOut);
    }, remaining);
  });

  try {
    return await Promise.race([
      attempt(controller.signal).catch(
        (error): AttemptOutcome<T> => ({
          ok: false,
          reason: 'request-failed',
          message: `The read failed: ${
            error instanceof Error ? error.message : String(error)
          }`,
          retry: false,
        }),
      ),
      deadlinePassed,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Exponential backoff with 25 % jitter either way, so retries spread out. */
function backoff(retryDelayMs: number, retries: number): number {
  const base = Math.min(retryDelayMs * 2 ** retries, MAX_BACKOFF_MS);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
