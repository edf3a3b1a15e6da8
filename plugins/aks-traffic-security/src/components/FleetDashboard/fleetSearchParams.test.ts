import { DEFAULT_FLEET_FILTERS } from './fleetDefaults';
import {
  DEFAULT_FLEET_VIEW,
  parseFleetView,
  toFleetSearchParams,
} from './fleetSearchParams';

describe('fleetSearchParams', () => {
  it('reads every filter, the page and the page size', () => {
    const view = parseFleetView(
      new URLSearchParams(
        'owner=payments,logistics&system=billing&cluster=aks-prod-weu&flow=egress&verdict=unknown&sort=owner&order=desc&page=4&pageSize=100',
      ),
    );

    expect(view).toEqual({
      filters: {
        owner: 'payments,logistics',
        system: 'billing',
        cluster: 'aks-prod-weu',
        flow: 'egress',
        verdict: 'unknown',
        sort: 'owner',
        order: 'desc',
      },
      page: 3,
      pageSize: 100,
    });
  });

  it('writes a view that reads back the same', () => {
    const view = {
      filters: {
        ...DEFAULT_FLEET_FILTERS,
        owner: 'group:default/team-a',
        verdict: 'fail' as const,
        order: 'desc' as const,
      },
      page: 2,
      pageSize: 50,
    };

    const params = toFleetSearchParams(view);

    expect(params.toString()).toBe(
      'owner=group%3Adefault%2Fteam-a&verdict=fail&order=desc&page=3&pageSize=50',
    );
    expect(parseFleetView(params)).toEqual(view);
  });

  it('writes no parameters for the defaults', () => {
    expect(toFleetSearchParams(DEFAULT_FLEET_VIEW).toString()).toBe('');
  });

  it('takes the defaults for invalid values', () => {
    const view = parseFleetView(
      new URLSearchParams(
        'flow=dns&verdict=error&sort=color&order=up&page=0&pageSize=7',
      ),
    );

    expect(view).toEqual(DEFAULT_FLEET_VIEW);
  });

  it.each(['-1', '1.5', 'two', ''])('ignores the page %p', page => {
    const view = parseFleetView(new URLSearchParams({ page }));

    expect(view.page).toBe(0);
  });
});
