import { createHash } from 'crypto';
import { FleetTrendResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { LruCache } from './LruCache';

/**
 * The fleet trends computed most recently, by what they were computed from.
 * A trend runs one history query for each day of its window, each over the
 * records of every entity. Its result changes only when the history or the
 * entities change, or when the day ends.
 */
export class FleetTrendCache {
  readonly #trends: LruCache<FleetTrendResponse>;

  constructor(options: { limit?: number } = {}) {
    this.#trends = new LruCache({ maxEntries: options.limit ?? 32 });
  }

  /**
   * Returns the trend computed from the same inputs, or computes and keeps
   * it. The least recently used trend is dropped past the limit, and
   * concurrent requests for one trend share its computation.
   */
  async get(
    inputs: {
      entityRefs: string[];
      days: number;
      /** The UTC day the trend ends on, as an ISO date. */
      today: string;
      /** The history version, from the store. */
      historyVersion: string;
    },
    compute: () => Promise<FleetTrendResponse>,
  ): Promise<FleetTrendResponse> {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          inputs.days,
          inputs.today,
          inputs.historyVersion,
          inputs.entityRefs,
        ]),
      )
      .digest('hex');
    return await this.#trends.get(key, compute);
  }
}
