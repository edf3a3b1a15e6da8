import { durationToMilliseconds } from '@backstage/types';
import { Config, readDurationFromConfig } from '@backstage/config';

const KEY = 'aksTrafficSecurity.refreshRateLimit';

/** On-demand refreshes allowed per caller within one window, by default. */
export const DEFAULT_REFRESH_RATE_LIMIT = {
  maxRequests: 10,
  windowMs: 60_000,
};

/**
 * Limits on-demand refreshes per caller over a sliding window, because each
 * one reads Azure and the cluster API and counts against their throttling
 * limits. The counts live in memory, so each backend instance limits alone.
 */
export class RefreshRateLimiter {
  readonly maxRequests: number;
  readonly windowMs: number;
  readonly #requests = new Map<string, number[]>();

  static fromConfig(config: Config): RefreshRateLimiter {
    const block = config.getOptionalConfig(KEY);
    const maxRequests =
      block?.getOptionalNumber('maxRequests') ??
      DEFAULT_REFRESH_RATE_LIMIT.maxRequests;
    if (!Number.isInteger(maxRequests) || maxRequests < 1) {
      throw new Error(
        `Invalid config '${KEY}.maxRequests' value '${maxRequests}'; expected a whole number, 1 or more`,
      );
    }

    let windowMs = DEFAULT_REFRESH_RATE_LIMIT.windowMs;
    if (block?.has('window')) {
      try {
        windowMs = durationToMilliseconds(
          readDurationFromConfig(block, { key: 'window' }),
        );
      } catch (error) {
        throw new Error(
          `Invalid config '${KEY}.window': ${(error as Error).message}`,
        );
      }
    }
    if (!(windowMs > 0)) {
      throw new Error(
        `Invalid config '${KEY}.window'; expected a duration longer than zero`,
      );
    }
    return new RefreshRateLimiter({ maxRequests, windowMs });
  }

  constructor(options: { maxRequests: number; windowMs: number }) {
    this.maxRequests = options.maxRequests;
    this.windowMs = options.windowMs;
  }

  /**
   * Counts a request of `caller`. Returns 0 when it is allowed, otherwise
   * the milliseconds until the caller's oldest counted request leaves the window.
   */
  take(caller: string, now = Date.now()): number {
    const recent = (this.#requests.get(caller) ?? []).filter(
      at => at > now - this.windowMs,
    );
    if (recent.length >= this.maxRequests) {
      this.#requests.set(caller, recent);
      return recent[0] + this.windowMs - now;
    }

    recent.push(now);
    this.#requests.set(caller, recent);
    return 0;
  }
}
