import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  emptyVerdictCounts,
  FleetEntry,
  FleetResponse,
  FleetTrendResponse,
  Flow,
  FLOWS,
  VERDICT_ORDER,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AssessmentStore, FleetFilter } from '../database/AssessmentStore';
import { buildFleetTrend } from './buildFleetTrend';
import { EntityAuthorizer } from './EntityAuthorizer';
import { FleetQuery, FleetService } from './FleetService';

/** The {@link FleetService} over the store. */
export class DefaultFleetService implements FleetService {
  readonly #store: AssessmentStore;
  readonly #authorizer: EntityAuthorizer;
  readonly #now: () => Date;

  constructor(options: {
    store: AssessmentStore;
    authorizer: EntityAuthorizer;
    /** The clock that decides which day is today; the system clock by default. */
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#authorizer = options.authorizer;
    this.#now = options.now ?? (() => new Date());
  }

  async getFleet(
    query: FleetQuery & { limit: number; offset: number },
    credentials: BackstageCredentials,
  ): Promise<FleetResponse> {
    const entries = await this.exportFleet(query, credentials);

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

    return {
      items: entries.slice(query.offset, query.offset + query.limit),
      total: entries.length,
      limit: query.limit,
      offset: query.offset,
      verdictCounts,
      flowCounts,
    };
  }

  async exportFleet(
    query: FleetQuery,
    credentials: BackstageCredentials,
  ): Promise<FleetEntry[]> {
    const entries = await this.#listReadable(query, credentials);

    const direction = query.order === 'desc' ? -1 : 1;
    return entries.sort(
      (a, b) =>
        direction * compareBy(query.sort, a, b) ||
        a.entityRef.localeCompare(b.entityRef),
    );
  }

  async getTrend(
    query: FleetFilter & { days: number },
    credentials: BackstageCredentials,
  ): Promise<FleetTrendResponse> {
    const entries = await this.#listReadable(query, credentials);

    return buildFleetTrend({
      store: this.#store,
      entityRefs: entries.map(entry => entry.entityRef),
      days: query.days,
      now: this.#now(),
    });
  }

  /** Returns the matching entries whose assessment the credentials may read. */
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
}

/**
 * Compares two entries by a sort field. Verdicts sort from worst to best,
 * and absent values sort last in ascending order.
 */
function compareBy(
  field: FleetQuery['sort'],
  a: FleetEntry,
  b: FleetEntry,
): number {
  switch (field) {
    case 'verdict':
      return (
        VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict)
      );
    case 'evaluatedAt':
      return a.evaluatedAt.localeCompare(b.evaluatedAt);
    case 'cluster':
      return compareText(clusterName(a.clusterId), clusterName(b.clusterId));
    case 'title':
      return compareText(a.title ?? a.entityRef, b.title ?? b.entityRef);
    case 'owner':
    case 'system':
      return compareText(a[field], b[field]);
    default:
      return a.entityRef.localeCompare(b.entityRef);
  }
}

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) {
    return 0;
  }
  if (a === undefined) {
    return 1;
  }
  if (b === undefined) {
    return -1;
  }
  return a.localeCompare(b);
}

function clusterName(clusterId: string | undefined): string | undefined {
  return clusterId?.split('/').filter(Boolean).pop()?.toLowerCase();
}
