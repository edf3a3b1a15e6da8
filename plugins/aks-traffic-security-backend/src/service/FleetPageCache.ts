import { FleetEntry } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetCounts, FleetFilter } from '../database/AssessmentStore';
import { FleetQuery } from './FleetService';
import { LruCache } from './LruCache';

/** The entries of one fleet page, and where the page is. */
export type FleetPageQuery = FleetQuery & { limit: number; offset: number };

/**
 * The fleet pages and counts read most recently, by the normalized query and
 * the store's fleet version. Pages and counts change only when a latest
 * assessment is written, which changes the version, so a result kept under
 * the current version is the one the database would return.
 *
 * The values are shared by every caller that gets them, so callers must not
 * modify them.
 */
export class FleetPageCache {
  readonly #pages: LruCache<FleetEntry[]>;
  readonly #counts: LruCache<FleetCounts>;

  constructor(
    options: {
      /** The number of pages kept; 256 by default. */
      maxPages?: number;
      /**
       * The number of fleet entries kept over all pages; 10,000 by default,
       * which is roughly 6 MiB of summary rows (an estimate).
       */
      maxEntries?: number;
      /** The number of counts kept, one per filter; 256 by default. */
      maxCounts?: number;
    } = {},
  ) {
    this.#pages = new LruCache({
      maxEntries: options.maxPages ?? 256,
      maxWeight: options.maxEntries ?? 10_000,
      weigh: entries => entries.length,
    });
    this.#counts = new LruCache({ maxEntries: options.maxCounts ?? 256 });
  }

  /** The number of pages and counts kept. */
  get size(): { pages: number; counts: number } {
    return { pages: this.#pages.size, counts: this.#counts.size };
  }

  /** Returns the page read under this version, or reads and keeps it. */
  getPage(
    query: FleetPageQuery,
    version: string,
    read: () => Promise<FleetEntry[]>,
  ): Promise<FleetEntry[]> {
    const key = JSON.stringify([
      version,
      filterKey(query),
      query.sort,
      query.order,
      query.limit,
      query.offset,
    ]);
    return this.#pages.get(key, read);
  }

  /** Returns the counts read under this version, or reads and keeps them. */
  getCounts(
    filter: FleetFilter,
    version: string,
    read: () => Promise<FleetCounts>,
  ): Promise<FleetCounts> {
    return this.#counts.get(JSON.stringify([version, filterKey(filter)]), read);
  }
}

/**
 * Lists the filter's values in a fixed order. The lists match any of their
 * values, so their order and repeats do not change the result, and an empty
 * list filters nothing, as an absent one.
 */
function filterKey(filter: FleetFilter): unknown[] {
  return [
    sortedSet(filter.owners),
    sortedSet(filter.systems),
    filter.cluster ?? null,
    filter.flow ?? null,
    sortedSet(filter.verdicts),
    filter.severity ?? null,
  ];
}

function sortedSet(values: string[] | undefined): string[] | null {
  return values?.length ? [...new Set(values)].sort() : null;
}
