import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  FleetView,
  parseFleetView,
  toFleetSearchParams,
} from './fleetSearchParams';

/**
 * Keeps the fleet view in the URL's query string, so that Back restores it
 * and a link shares it. A change replaces the current history entry instead
 * of adding one, so Back leaves the dashboard rather than undoing a filter.
 */
export function useFleetViewSearchParams(): {
  view: FleetView;
  writeView: (view: FleetView) => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const view = useMemo(
    () => parseFleetView(new URLSearchParams(search)),
    [search],
  );

  // React Router gives setSearchParams a new identity whenever the URL
  // changes, so a ref keeps writeView stable for memoized children.
  const latest = useRef({ search, setSearchParams });
  latest.current = { search, setSearchParams };

  const writeView = useCallback((next: FleetView) => {
    const params = toFleetSearchParams(next);
    if (params.toString() !== latest.current.search) {
      latest.current.setSearchParams(params, { replace: true });
    }
  }, []);

  return { view, writeView };
}
