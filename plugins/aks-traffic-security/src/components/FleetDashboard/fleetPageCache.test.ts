import { FleetResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AksTrafficSecurityApi, FleetQuery } from '../../api';
import { recordAssessmentRefresh } from '../../assessmentRefreshes';
import { fleetEntry, fleetResponse } from '../../__testUtils__/fleet';
import { CACHED_PAGE_MAX_AGE_MS, FleetPageCache } from './fleetPageCache';

const byVerdict: FleetQuery = { sort: 'verdict', order: 'asc' };
const byTitle: FleetQuery = { sort: 'title', order: 'asc' };
const first = { offset: 0, limit: 25 };
const second = { offset: 25, limit: 25 };

/** A fleet API whose getFleet answers with one entry named after the request. */
function fakeApi() {
  const getFleet = jest.fn(
    async (query: FleetQuery & { offset?: number; limit?: number }) =>
      fleetResponse({
        items: [fleetEntry(`${query.sort}-${query.offset}-${query.limit}`)],
        total: 5000,
        offset: query.offset,
        limit: query.limit,
      }),
  );
  return { api: { getFleet } as unknown as AksTrafficSecurityApi, getFleet };
}

function titleOf(response: FleetResponse | undefined) {
  return response?.items[0].title;
}

describe('FleetPageCache', () => {
  it('requests each page once', async () => {
    const { api, getFleet } = fakeApi();
    const cache = new FleetPageCache(api);

    cache.prefetch(byVerdict, second);
    const loaded = await cache.load(byVerdict, second);

    expect(titleOf(loaded)).toBe('verdict-25-25');
    expect(getFleet).toHaveBeenCalledTimes(1);
    expect(getFleet).toHaveBeenCalledWith({
      sort: 'verdict',
      order: 'asc',
      offset: 25,
      limit: 25,
    });
  });

  it('peeks only at arrived pages', async () => {
    const { api } = fakeApi();
    const cache = new FleetPageCache(api);

    const loading = cache.load(byVerdict, first);
    expect(cache.peek(byVerdict, first)).toBeUndefined();
    await loading;

    expect(titleOf(cache.peek(byVerdict, first))).toBe('verdict-0-25');
    expect(cache.peek(byVerdict, second)).toBeUndefined();
  });

  it('drops the pages of another query', async () => {
    const { api, getFleet } = fakeApi();
    const cache = new FleetPageCache(api);
    await cache.load(byVerdict, second);

    await cache.load(byTitle, first);

    expect(cache.peek(byVerdict, second)).toBeUndefined();
    expect(titleOf(await cache.load(byVerdict, second))).toBe('verdict-25-25');
    expect(getFleet).toHaveBeenCalledTimes(3);
  });

  it('drops the pages of another page size', async () => {
    const { api, getFleet } = fakeApi();
    const cache = new FleetPageCache(api);
    await cache.load(byVerdict, first);

    await cache.load(byVerdict, { offset: 0, limit: 50 });

    expect(cache.peek(byVerdict, first)).toBeUndefined();
    expect(getFleet).toHaveBeenCalledTimes(2);
  });

  it('requests a page again after an assessment refresh', async () => {
    const { api, getFleet } = fakeApi();
    const cache = new FleetPageCache(api);
    await cache.load(byVerdict, second);

    recordAssessmentRefresh();

    expect(cache.peek(byVerdict, second)).toBeUndefined();
    await cache.load(byVerdict, second);
    expect(getFleet).toHaveBeenCalledTimes(2);
  });

  it('requests a page again once it is too old', async () => {
    const { api, getFleet } = fakeApi();
    let now = 1_000_000;
    const cache = new FleetPageCache(api, () => now);
    await cache.load(byVerdict, second);

    now += CACHED_PAGE_MAX_AGE_MS;
    expect(titleOf(cache.peek(byVerdict, second))).toBe('verdict-25-25');
    now += 1;

    expect(cache.peek(byVerdict, second)).toBeUndefined();
    await cache.load(byVerdict, second);
    expect(getFleet).toHaveBeenCalledTimes(2);
  });

  it('forgets a failed prefetch', async () => {
    const { api, getFleet } = fakeApi();
    getFleet.mockRejectedValueOnce(new Error('Service Unavailable'));
    const cache = new FleetPageCache(api);

    cache.prefetch(byVerdict, second);
    await expect(cache.load(byVerdict, second)).rejects.toThrow(
      'Service Unavailable',
    );

    expect(titleOf(await cache.load(byVerdict, second))).toBe('verdict-25-25');
    expect(getFleet).toHaveBeenCalledTimes(2);
  });

  it('retains only the given offsets', async () => {
    const { api } = fakeApi();
    const cache = new FleetPageCache(api);
    await cache.load(byVerdict, first);
    await cache.load(byVerdict, second);

    cache.retain([25, 50]);

    expect(cache.peek(byVerdict, first)).toBeUndefined();
    expect(titleOf(cache.peek(byVerdict, second))).toBe('verdict-25-25');
  });

  it('prefetches the next page once a page arrives', async () => {
    const { api, getFleet } = fakeApi();
    const cache = new FleetPageCache(api);

    cache.prefetchNext(byVerdict, first);
    await cache.load(byVerdict, first);
    await cache.load(byVerdict, second);

    expect(getFleet.mock.calls.map(([query]) => query.offset)).toEqual([0, 25]);
  });

  it('prefetches nothing after the last page', async () => {
    const { api, getFleet } = fakeApi();
    const cache = new FleetPageCache(api);
    const last = { offset: 4975, limit: 25 };

    cache.prefetchNext(byVerdict, last);
    await cache.load(byVerdict, last);

    expect(getFleet).toHaveBeenCalledTimes(1);
  });

  it('prefetches nothing for a query that changed', async () => {
    const { api, getFleet } = fakeApi();
    const cache = new FleetPageCache(api);

    cache.prefetchNext(byVerdict, first);
    const loaded = cache.load(byVerdict, first);
    await cache.load(byTitle, first);
    await loaded;

    expect(
      getFleet.mock.calls.map(([query]) => `${query.sort}@${query.offset}`),
    ).toEqual(['verdict@0', 'title@0']);
  });
});
