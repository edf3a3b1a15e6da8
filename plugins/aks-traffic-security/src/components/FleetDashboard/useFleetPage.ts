import { useApi } from '@backstage/core-plugin-api';
import { FleetResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { useEffect, useRef, useState } from 'react';
import { FleetQuery, aksTrafficSecurityApiRef } from '../../api';
import {
  FleetPageCache,
  FleetPageRange,
  TakePrefetchedPages,
} from './fleetPageCache';

/** The outcome of one page's request, with the key of the page it belongs to. */
interface SettledPage {
  key: string;
  response?: FleetResponse;
  error?: Error;
}

/**
 * Loads one page of the fleet. Once a page has arrived, the next page is
 * requested in the background, and the previous page is kept, so paging by
 * one renders from memory. While a page that is not in memory loads, the
 * previous response stays available, so the table does not blank out.
 */
export function useFleetPage(
  query: FleetQuery,
  range: FleetPageRange,
  options: { takePrefetchedPages?: TakePrefetchedPages } = {},
) {
  const api = useApi(aksTrafficSecurityApiRef);
  const [cache] = useState(
    () => options.takePrefetchedPages?.() ?? new FleetPageCache(api),
  );
  const [settled, setSettled] = useState<SettledPage>();
  // A ref, not state, so that keeping the response costs no extra render of
  // the dashboard after each page arrives.
  const previous = useRef<FleetResponse>();
  // The query object is rebuilt on every render, so its content is the key.
  const key = JSON.stringify([query, range]);

  let current = settled?.key === key ? settled : undefined;
  if (!current) {
    // A page in memory renders at once, without a loading state in between.
    // Kept in state, it stays on screen after the cache lets it expire.
    const cached = cache.peek(query, range);
    if (cached) {
      current = { key, response: cached };
      setSettled(current);
    }
  }

  useEffect(() => {
    cache.retain([
      range.offset - range.limit,
      range.offset,
      range.offset + range.limit,
    ]);
    cache.prefetchNext(query, range);

    // This runs even when the page rendered from memory, because a response
    // that arrived between the render and this effect is rendered only here.
    let active = true;
    cache.load(query, range).then(
      response => {
        if (active) {
          setSettled(shown =>
            shown?.key === key && shown.response === response
              ? shown
              : { key, response },
          );
        }
      },
      error => {
        if (active) {
          setSettled({ key, error });
        }
      },
    );
    return () => {
      active = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, key]);

  if (current?.response) {
    previous.current = current.response;
  }

  return {
    loading: !current,
    error: current?.error,
    response: current?.response ?? (current ? undefined : previous.current),
  };
}
