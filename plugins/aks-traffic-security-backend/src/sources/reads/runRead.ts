import { ConcurrencyLimiter } from './ConcurrencyLimiter';

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
}

const MAX_BACKOFF_MS = 30_000;

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
 * Never rejects: an attempt that throws becomes a `request-failed` outcome.
 */
export async function runRead<T>(
  policy: ReadPolicy,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome<T>>,
): Promise<ReadOutcome<T>> {
  // Set when the first attempt gets a slot, so that waiting for a slot does not count.
  const clock: { deadline?: number } = {};

  for (let retries = 0; ; retries += 1) {
    const outcome = await policy.limiter.run(() => {
      clock.deadline ??= Date.now() + policy.readTimeoutMs;
      return attemptUntil(clock.deadline, policy.readTimeoutMs, attempt);
    });
    if (outcome.ok) {
      return outcome;
    }
    const failure: FailedRead = {
      ok: false,
      reason: outcome.reason,
      message: outcome.message,
    };
    if (!outcome.retry || retries >= policy.maxRetries) {
      return retries > 0
        ? {
            ...failure,
            message: `${failure.message} (after ${retries} retries)`,
          }
        : failure;
    }

    const wait = outcome.retryAfterMs ?? backoff(policy.retryDelayMs, retries);
    const remaining = clock.deadline! - Date.now();
    if (wait >= remaining) {
      return {
        ...failure,
        message: `${
          failure.message
        }; the next attempt would start after ${Math.ceil(
          wait / 1000,
        )} s, past the read timeout of ${Math.ceil(
          policy.readTimeoutMs / 1000,
        )} s`,
      };
    }
    await new Promise(resolve => setTimeout(resolve, wait));
  }
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
