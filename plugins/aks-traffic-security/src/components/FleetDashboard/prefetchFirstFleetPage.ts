import { AksTrafficSecurityApi } from '../../api';
import { FleetPageCache, TakePrefetchedPages } from './fleetPageCache';
import { DEFAULT_FLEET_VIEW, FleetView } from './fleetSearchParams';
import { toFleetQuery } from './toFleetQuery';

/**
 * Requests the page the dashboard opens at, by default the first page with
 * the default filters, so that the request runs while the dashboard's code
 * loads, and the page after it once that has arrived. The returned function hands the cache with these
 * pages to the first dashboard that mounts, and returns `undefined` after
 * that, so a dashboard opened again later loads its pages anew.
 */
export function prefetchFirstFleetPage(
  api: AksTrafficSecurityApi,
  view: FleetView = DEFAULT_FLEET_VIEW,
): TakePrefetchedPages {
  const cache = new FleetPageCache(api);
  cache.prefetchNext(toFleetQuery(view.filters), {
    offset: view.page * view.pageSize,
    limit: view.pageSize,
  });

  let cacheToHandOver: FleetPageCache | undefined = cache;
  return () => {
    const handedOver = cacheToHandOver;
    cacheToHandOver = undefined;
    return handedOver;
  };
}
