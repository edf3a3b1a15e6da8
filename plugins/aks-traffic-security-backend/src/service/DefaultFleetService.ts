import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  emptyVerdictCounts,
  FleetEntry,
  FleetResponse,
  FleetTrendResponse,
  Flow,
  FLOWS,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AssessmentStore,
  FleetCounts,
  FleetFilter,
} from '../database/AssessmentStore';
import { buildFleetTrend } from './buildFleetTrend';
import { compareFleetEntries } from './compareFleetEntries';
import { EntityAuthorizer } from './EntityAuthorizer';
import { FleetPageCache, FleetPageQuery } from './FleetPageCache';
import { FleetTrendCache } from './FleetTrendCache';
import { FleetQuery, FleetService } from './FleetService';

/** The {@link FleetService} over the store. */
export class DefaultFleetService implements FleetService {
  readonly #store: AssessmentStore;
  readonly #authorizer: EntityAuthorizer;
  readonly #now: () => Date;
  readonly #pages: FleetPageCache;
  readonly #trends = new FleetTrendCache();

  constructor(options: {
    store: AssessmentStore;
    authorizer: EntityAuthorizer;
    /** The clock that decides which day is today; the system clock by default. */
    now?: () => Date;
    /** The entries and counts kept for callers allowed to read every entity. */
    pageCache?: FleetPageCache;
  }) {
    this.#store = options.store;
    this.#authorizer = options.authorizer;
    this.#now = options.now ?? (() => new Date());
    this.#pages = options.pageCache ?? new FleetPageCache();
  }

  async getFleet(
    query: FleetPageQuery,
    credentials: BackstageCredentials,
  ): Promise<FleetResponse> {
    const decision = await this.#authorizer.readDecision(credentials);

    // Every caller with this decision gets the same page, so it is kept
    // until the fleet changes. Other decisions depend on the caller.
    if (decision === AuthorizeResult.ALLOW) {
      const version = await this.#store.getFleetVersion();
      const [items, counts] = await Promise.all([
        this.#pages.getPage(query, version, range =>
          this.#store.listFleet(query, { order: query, ...range }),
        ),
        this.#pages.getCounts(query, version, () =>
          this.#store.countFleet(query),
        ),
      ]);
      return toFleetResponse(items, counts, query);
    }

    const entries =
      decision === AuthorizeResult.DENY
        ? []
        : await this.#listReadableSorted(query, credentials);
    return toFleetResponse(
      entries.slice(query.offset, query.offset + query.limit),
      countEntries(entries),
      query,
    );
  }

  async exportFleet(
    query: FleetQuery,
    credentials: BackstageCredentials,
  ): Promise<FleetEntry[]> {
    const decision = await this.#authorizer.readDecision(credentials);

    if (decision === AuthorizeResult.ALLOW) {
      return await this.#store.listFleet(query, { order: query });
    }
    if (decision === AuthorizeResult.DENY) {
      return [];
    }
    return await this.#listReadableSorted(query, credentials);
  }

  async getTrend(
    query: FleetFilter & { days: number },
    credentials: BackstageCredentials,
  ): Promise<FleetTrendResponse> {
    const decision = await this.#authorizer.readDecision(credentials);

    let entries: FleetEntry[];
    if (decision === AuthorizeResult.ALLOW) {
      entries = await this.#store.listFleet(query);
    } else if (decision === AuthorizeResult.DENY) {
      entries = [];
    } else {
      entries = await this.#listReadable(query, credentials);
    }

    const entityRefs = entries.map(entry => entry.entityRef);
    const now = this.#now();
    return this.#trends.get(
      {
        entityRefs,
        days: query.days,
        today: now.toISOString().slice(0, 10),
        historyVersion: await this.#store.getHistoryVersion(),
      },
      () =>
        buildFleetTrend({
          store: this.#store,
          entityRefs,
          days: query.days,
          now,
        }),
    );
  }

  /**
   * Returns the matching entries whose assessment the credentials may read,
   * for a conditional read decision. The conditions are catalog entity rules
   * (such as "is entity owner") that only the catalog can evaluate, so they
   * cannot become a condition of this plugin's SQL. Instead every matching
   * entity is authorized, in batches, over its summary row.
   */
  async #listReadable(
    filter: FleetFilter,
    credentials: BackstageCredentials,
  ): Promise<FleetEntry[]> {
    const matching = await this.#store.listFleet(filter);
    const readable = await this.#authorizer.filterReadable(
      matching.map(entry => entry.entityRef),
      credentials,
    );

    return matching.filter(entry => readable.has(entry.entityRef));
  }

  async #listReadableSorted(
    query: FleetQuery,
    credentials: BackstageCredentials,
  ): Promise<FleetEntry[]> {
    const entries = await this.#listReadable(query, credentials);
    return entries.sort((a, b) => compareFleetEntries(query, a, b));
  }
}

function toFleetResponse(
  items: FleetEntry[],
  counts: FleetCounts,
  page: { limit: number; offset: number },
): FleetResponse {
  return {
    items,
    total: counts.total,
    limit: page.limit,
    offset: page.offset,
    verdictCounts: counts.verdictCounts,
    flowCounts: counts.flowCounts,
  };
}

function countEntries(entries: FleetEntry[]): FleetCounts {
  const verdictCounts = emptyVerdictCounts();
  const flowCounts = Object.fromEntries(
    FLOWS.map(flow => [flow, emptyVerdictCounts()]),
  ) as Record<Flow, VerdictCounts>;
  for (const entry of entries) {
    verdictCounts[entry.verdict] += 1;
    for (const flow of FLOWS) {
      flowCounts[flow][entry.flows[flow]] += 1;
    }
  }

  return { total: entries.length, verdictCounts, flowCounts };
}
