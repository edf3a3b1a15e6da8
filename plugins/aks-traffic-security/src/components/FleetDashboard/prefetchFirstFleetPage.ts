import { AksTrafficSecurityApi } from '../../api';
import { DEFAULT_FLEET_FILTERS, PAGE_SIZES } from './fleetDefaults';
import { FleetPageCache, TakePrefetchedPages } from './fleetPageCache';
import { toFleetQuery } from './toFleetQuery';

/**
 * Requests the dashboard's first page with the default filters, so that the
 * request runs while the dashboard's code loads, and the second page once
 * the first has arrived. The returned function hands the cache with these
 * pages to the first dashboard that mounts, and returns `undefined` after
 * that, so a dashboard opened again later loads its pages anew.
 */
export function prefetchFirstFleetPage(
  api: AksTrafficSecurityApi,
): TakePrefetchedPages {
  const cache = new FleetPageCache(api);
  cache.prefetchNext(toFleetQuery(DEFAULT_FLEET_FILTERS), {
    offset: 0,
    limit: PAGE_SIZES[0],
  });

  let cacheToHandOver: FleetPageCache | undefined = cache;
  return () => {
    const handedOver = cacheToHandOver;
    cacheToHandOver = undefined;
    return handedOver;
  };
}
