import {
  FLOWS,
  FleetEntry,
  FleetResponse,
  Flow,
  VerdictCounts,
  emptyVerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';

/** Builds a fleet entry for a service that passes unless changed. */
export function fleetEntry(
  name: string,
  change: Partial<FleetEntry> = {},
): FleetEntry {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    owner: 'group:default/logistics',
    system: 'system:default/shipping',
    clusterId: `${SUBSCRIPTION}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu`,
    verdict: 'pass',
    flows: {
      ingress: 'pass',
      egress: 'pass',
      'pod-to-pod': 'pass',
      management: 'pass',
    },
    failingBySeverity: {},
    evaluatedAt: '2026-03-02T08:30:00.000Z',
    stale: false,
    failedReads: 0,
    ...change,
  };
}

/**
 * Wraps fleet entries in the body of `GET /fleet`, counting verdicts over
 * `all` the way the backend counts every match, not just the page.
 */
export function fleetResponse(options: {
  items: FleetEntry[];
  all?: FleetEntry[];
  total?: number;
  limit?: number;
  offset?: number;
}): FleetResponse {
  const all = options.all ?? options.items;
  const verdictCounts = emptyVerdictCounts();
  const flowCounts = Object.fromEntries(
    FLOWS.map(flow => [flow, emptyVerdictCounts()]),
  ) as Record<Flow, VerdictCounts>;
  for (const entry of all) {
    verdictCounts[entry.verdict] += 1;
    for (const flow of FLOWS) {
      flowCounts[flow][entry.flows[flow]] += 1;
    }
  }

  return {
    items: options.items,
    total: options.total ?? all.length,
    limit: options.limit ?? 25,
    offset: options.offset ?? 0,
    verdictCounts,
    flowCounts,
  };
}
