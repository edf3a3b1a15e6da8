import { FleetResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { useMemo } from 'react';

/** The counts over every entity that matches the filters, not just one page. */
export type FleetCounts = Pick<
  FleetResponse,
  'total' | 'verdictCounts' | 'flowCounts'
>;

/**
 * Returns the counts of a fleet response as an object that keeps its
 * identity while the counts stay the same, as they do from page to page, so
 * that the memoized summary does not render again on a page change.
 */
export function useFleetCounts(
  response: FleetResponse | undefined,
): FleetCounts | undefined {
  const signature =
    response &&
    JSON.stringify([
      response.total,
      response.verdictCounts,
      response.flowCounts,
    ]);

  return useMemo(
    () =>
      response && {
        total: response.total,
        verdictCounts: response.verdictCounts,
        flowCounts: response.flowCounts,
      },
    // The response changes with every page; the counts are the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [signature],
  );
}
