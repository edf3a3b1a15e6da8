import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  emptyVerdictCounts,
  FleetEntry,
  FleetResponse,
  Flow,
  FLOWS,
  VERDICT_ORDER,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { EntityAuthorizer } from './EntityAuthorizer';
import { FleetQuery, FleetService } from './FleetService';

/** The {@link FleetService} over the store. */
export class DefaultFleetService implements FleetService {
  readonly #store: AssessmentStore;
  readonly #authorizer: EntityAuthorizer;

  constructor(options: {
    store: AssessmentStore;
    authorizer: EntityAuthorizer;
  }) {
    this.#store = options.store;
    this.#authorizer = options.authorizer;
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
    const matching = await this.#store.listFleet(query);
    const readable = await this.#authorizer.filterReadable(
      matching.map(entry => entry.entityRef),
      credentials,
    );

    const entries = matching.filter(entry => readable.has(entry.entityRef));
    const direction = query.order === 'desc' ? -1 : 1;
    return entries.sort(
      (a, b) =>
        direction * compareBy(query.sort, a, b) ||
        a.entityRef.localeCompare(b.entityRef),
    );
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
