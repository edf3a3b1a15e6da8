import { FleetEntry } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetCounts, FleetFilter } from '../database/AssessmentStore';
import { FleetQuery } from './FleetService';
import { LruCache } from './LruCache';

/** The entries of one fleet page, and where the page is. */
export type FleetPageQuery = FleetQuery & { limit: number; offset: number };

/**
 * The number of consecutive entries read from the store at once, as a
 * block that the pages within it are cut from. It equals the API's largest
 * page, so a page spans at most two blocks. The first requests for the
 * 100 pages of 50 entities of a fleet of 5,000, as after each refresh, then
 * cost 10 queries, not 100.
 */
const DEFAULT_BLOCK_SIZE = 500;

/**
 * The fleet entries and counts read most recently, by the normalized query
 * and the store's fleet version. Entries are read in blocks of consecutive
 * rows, so the pages of one block cost one query. Entries and counts change
 * only when a latest assessment is written, which changes the version, so a
 * result kept under the current version is the one the database would
 * return.
 *
 * The values are shared by every caller that gets them, so callers must not
 * modify them.
 */
export class FleetPageCache {
  readonly #blocks: LruCache<FleetEntry[]>;
  readonly #counts: LruCache<FleetCounts>;
  readonly #blockSize: number;

  constructor(
    options: {
      /** The number of consecutive entries read at once; 500 by default. */
      blockSize?: number;
      /** The number of blocks kept; 256 by default. */
      maxBlocks?: number;
      /**
       * The number of fleet entries kept over all blocks; 10,000 by default,
       * which is roughly 6 MiB of summary rows (an estimate).
       */
      maxEntries?: number;
      /** The number of counts kept, one per filter; 256 by default. */
      maxCounts?: number;
    } = {},
  ) {
    this.#blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
    this.#blocks = new LruCache({
      maxEntries: options.maxBlocks ?? 256,
      maxWeight: options.maxEntries ?? 10_000,
      weigh: entries => entries.length,
    });
    this.#counts = new LruCache({ maxEntries: options.maxCounts ?? 256 });
  }

  /** The number of blocks and counts kept. */
  get size(): { blocks: number; counts: number } {
    return { blocks: this.#blocks.size, counts: this.#counts.size };
  }

  /**
   * Returns the page cut from the blocks read under this version, reading
   * and keeping the blocks that are missing with `read`.
   */
  async getPage(
    query: FleetPageQuery,
    version: string,
    read: (range: { limit: number; offset: number }) => Promise<FleetEntry[]>,
  ): Promise<FleetEntry[]> {
    const size = this.#blockSize;
    const first = Math.floor(query.offset / size);
    const last = Math.floor((query.offset + query.limit - 1) / size);

    const listKey = [version, filterKey(query), query.sort, query.order, size];
    const blocks: Array<Promise<FleetEntry[]>> = [];
    for (let index = first; index <= last; index++) {
      blocks.push(
        this.#blocks.get(JSON.stringify([...listKey, index]), () =>
          read({ limit: size, offset: index * size }),
        ),
      );
    }

    const entries = (await Promise.all(blocks)).flat();
    const start = query.offset - first * size;
    return entries.slice(start, start + query.limit);
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
