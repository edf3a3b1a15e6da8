import { AsyncLocalStorage } from 'node:async_hooks';

const priorities = new AsyncLocalStorage<number>();

/**
 * Runs `read` with a priority that every read it starts, directly or after
 * awaiting other reads, carries into the `ConcurrencyLimiter`: lower
 * numbers get a free slot first. The priority travels with the async
 * context, so it reaches the limiter through the SDK clients and the read
 * session without each layer passing it on.
 */
export function withReadPriority<T>(priority: number, read: () => T): T {
  return priorities.run(priority, read);
}

/** Returns the priority of the reads started now, or `Infinity` outside {@link withReadPriority}. */
export function currentReadPriority(): number {
  return priorities.getStore() ?? Infinity;
}
