import { FleetResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AksTrafficSecurityApi, FleetQuery } from '../../api';
import { countAssessmentRefreshes } from '../../assessmentRefreshes';

// This module imports no UI code, because the page extension in the app's
// initial bundle uses it to request the first page early.

/** A page of the fleet table, as the index of its first entry and its size. */
export interface FleetPageRange {
  offset: number;
  limit: number;
}

/**
 * Returns the cache that a dashboard starts with, which contains pages
 * requested before it rendered, or `undefined` to start with an empty one.
 */
export type TakePrefetchedPages = () => FleetPageCache | undefined;

/**
 * How long a loaded page may be shown from memory, in milliseconds. An older
 * page is requested again, so that a table left open for a while does not
 * page into data much older than a new request would return.
 */
export const CACHED_PAGE_MAX_AGE_MS = 60_000;

interface CachedPage {
  response: Promise<FleetResponse>;
  /** The response, once it has arrived. */
  value?: FleetResponse;
  /** When the request was sent, in ms since the epoch. */
  requestedAt: number;
  /** The assessment refreshes recorded when the request was sent. */
  refreshCount: number;
}

/**
 * Keeps the pages of one fleet query and page size in memory, so that the
 * table can show a page it prefetched without waiting for the backend.
 *
 * A request with other filters, another sort or another page size drops
 * every page of the previous one. A page stops being valid when it is older
 * than {@link CACHED_PAGE_MAX_AGE_MS} or when the user has refreshed an
 * assessment since it was requested; showing it then requests it again.
 *
 * NOTE: Only refreshes in this browser tab are seen. A refresh in another
 * tab is reflected once the page's maximum age has passed.
 */
export class FleetPageCache {
  private readonly pages = new Map<number, CachedPage>();
  private listKey?: string;

  constructor(
    private readonly api: AksTrafficSecurityApi,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the page if its response has arrived and is still valid. */
  peek(query: FleetQuery, range: FleetPageRange): FleetResponse | undefined {
    const page = this.validPage(query, range);
    return page?.value;
  }

  /** Returns the page from memory, or requests it. */
  load(query: FleetQuery, range: FleetPageRange): Promise<FleetResponse> {
    const page = this.validPage(query, range) ?? this.request(query, range);
    return page.response;
  }

  /**
   * Requests the page in the background unless it is in memory already. A
   * failed prefetch is forgotten, so that showing the page requests it again
   * and shows that request's error.
   */
  prefetch(query: FleetQuery, range: FleetPageRange): void {
    this.load(query, range).catch(() => {});
  }

  /**
   * Requests the page after `range` as soon as the page at `range` has
   * arrived, unless that was the last page or the query has changed since.
   * Requesting it on arrival, not after the page has rendered, lets it
   * arrive before a click on "Next page" that follows the render closely.
   */
  prefetchNext(query: FleetQuery, range: FleetPageRange): void {
    const listKey = this.selectList(query, range.limit);
    const next = { offset: range.offset + range.limit, limit: range.limit };

    this.load(query, range).then(
      response => {
        if (this.listKey === listKey && next.offset < response.total) {
          this.prefetch(query, next);
        }
      },
      () => {},
    );
  }

  /** Drops every page of the current query except those at `offsets`. */
  retain(offsets: number[]): void {
    for (const offset of this.pages.keys()) {
      if (!offsets.includes(offset)) {
        this.pages.delete(offset);
      }
    }
  }

  private validPage(
    query: FleetQuery,
    range: FleetPageRange,
  ): CachedPage | undefined {
    this.selectList(query, range.limit);

    const page = this.pages.get(range.offset);
    if (!page) {
      return undefined;
    }
    const fresh =
      this.now() - page.requestedAt <= CACHED_PAGE_MAX_AGE_MS &&
      page.refreshCount === countAssessmentRefreshes();
    if (!fresh) {
      this.pages.delete(range.offset);
      return undefined;
    }
    return page;
  }

  private request(query: FleetQuery, range: FleetPageRange): CachedPage {
    const page: CachedPage = {
      response: this.api.getFleet({ ...query, ...range }),
      requestedAt: this.now(),
      refreshCount: countAssessmentRefreshes(),
    };
    this.pages.set(range.offset, page);

    page.response.then(
      response => {
        page.value = response;
      },
      () => {
        if (this.pages.get(range.offset) === page) {
          this.pages.delete(range.offset);
        }
      },
    );
    return page;
  }

  /** Drops every page when the query or the page size has changed. */
  private selectList(query: FleetQuery, limit: number): string {
    const listKey = JSON.stringify([query, limit]);
    if (listKey !== this.listKey) {
      this.pages.clear();
      this.listKey = listKey;
    }
    return listKey;
  }
}
