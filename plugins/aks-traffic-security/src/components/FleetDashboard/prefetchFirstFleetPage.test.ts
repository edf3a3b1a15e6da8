import { AksTrafficSecurityApi } from '../../api';
import { fleetResponse } from '../../__testUtils__/fleet';
import { parseFleetView } from './fleetSearchParams';
import { prefetchFirstFleetPage } from './prefetchFirstFleetPage';

describe('prefetchFirstFleetPage', () => {
  it('requests the page of the view in the URL', () => {
    const getFleet = jest.fn(async () => fleetResponse({ items: [] }));
    const api = { getFleet } as unknown as AksTrafficSecurityApi;

    prefetchFirstFleetPage(
      api,
      parseFleetView(new URLSearchParams('verdict=fail&page=2&pageSize=50')),
    );

    expect(getFleet).toHaveBeenCalledWith(
      expect.objectContaining({ verdict: ['fail'], offset: 50, limit: 50 }),
    );
  });
});
