import { useApi } from '@backstage/core-plugin-api';
import { FleetResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FleetQuery, aksTrafficSecurityApiRef } from '../../api';

/**
 * Loads one page of the fleet. While the next page loads, the previous
 * response stays available, so the table does not blank out between pages.
 */
export function useFleetPage(
  query: FleetQuery,
  page: { offset: number; limit: number },
) {
  const api = useApi(aksTrafficSecurityApiRef);
  // A ref, not state, so that keeping the response costs no extra render of
  // the dashboard after each page arrives.
  const previous = useRef<FleetResponse>();
  const key = JSON.stringify([query, page]);

  const state = useAsync(
    () => api.getFleet({ ...query, ...page }),
    // The query object is rebuilt on every render; its content is the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  if (state.value) {
    previous.current = state.value;
  }

  return {
    loading: state.loading,
    error: state.error,
    response: state.value ?? (state.loading ? previous.current : undefined),
  };
}
