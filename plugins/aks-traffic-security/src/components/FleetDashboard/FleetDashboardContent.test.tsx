import { FleetTrendPoint } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  MockFetchApi,
  TestApiProvider,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  Link,
  Route,
  Routes,
  useLocation,
  useNavigate,
} from 'react-router-dom';
import { setupServer } from 'msw/node';
import { aksTrafficSecurityApiRef, AksTrafficSecurityClient } from '../../api';
import { recordAssessmentRefresh } from '../../assessmentRefreshes';
import { fleetEntry, fleetResponse } from '../../__testUtils__/fleet';
import { FleetDashboardContent } from './FleetDashboardContent';
import { DEFAULT_FLEET_FILTERS } from './fleetDefaults';
import { FleetPageCache } from './fleetPageCache';
import { FleetSummary } from './FleetSummary';
import { toFleetQuery } from './toFleetQuery';

// Counts the summary's renders, and renders it as it is.
jest.mock('./FleetSummary', () => {
  const actual = jest.requireActual('./FleetSummary');
  return { FleetSummary: jest.fn(actual.FleetSummary) };
});

jest.setTimeout(30_000);

const BASE_URL = 'http://localhost:7007/api/aks-traffic-security';

const entries = [
  fleetEntry('shipping-api', {
    title: 'Shipping API',
    verdict: 'unknown',
    flows: {
      ingress: 'pass',
      egress: 'unknown',
      'pod-to-pod': 'pass',
      management: 'pass',
    },
    failedReads: 2,
  }),
  fleetEntry('billing-api', {
    // Catalog entities without a title arrive without one.
    title: undefined,
    owner: 'group:default/payments',
    system: 'system:default/billing',
    verdict: 'fail',
    flows: {
      ingress: 'fail',
      egress: 'pass',
      'pod-to-pod': 'warn',
      management: 'pass',
    },
    failingBySeverity: { critical: 1, high: 2 },
    stale: true,
  }),
  fleetEntry('tracking-web'),
];

const server = setupServer();
registerMswTestHooks(server);

/** Responds to trend requests with `points`. */
function trendHandler(points: FleetTrendPoint[]) {
  return http.get(`${BASE_URL}/fleet/trend`, () =>
    HttpResponse.json({ points }),
  );
}

/** Builds the JSON error body and status that the backend sends on a failure. */
function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

/** Records the query of every fleet request and responds with the entries. */
function serveFleet(options: { total?: number } = {}) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${BASE_URL}/fleet`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      queries.push(params);
      return HttpResponse.json(
        fleetResponse({
          items: entries,
          total: options.total,
          limit: Number(params.get('limit')),
          offset: Number(params.get('offset')),
        }),
      );
    }),
    trendHandler([
      {
        date: '2026-02-28',
        failingChecks: 14,
        failingEntities: 5,
        entities: 40,
      },
      {
        date: '2026-03-01',
        failingChecks: 9,
        failingEntities: 4,
        entities: 40,
      },
      {
        date: '2026-03-02',
        failingChecks: 6,
        failingEntities: 3,
        entities: 41,
      },
    ]),
  );
  return queries;
}

/**
 * Serves a fleet of `total` entities named after the request's sort and
 * their position, such as verdict-26, and records the query of every fleet
 * request. The counts are the same on every page, as the backend's are.
 */
function servePagedFleet(total: number) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${BASE_URL}/fleet`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      queries.push(params);
      const offset = Number(params.get('offset'));
      const limit = Number(params.get('limit'));
      const count = Math.max(0, Math.min(limit, total - offset));
      const items = Array.from({ length: count }, (_, index) =>
        fleetEntry(`${params.get('sort')}-${offset + index + 1}`),
      );
      return HttpResponse.json(
        fleetResponse({ items, all: entries, total, limit, offset }),
      );
    }),
    trendHandler([]),
  );
  return queries;
}

/** Lists the requests' sort and offset, such as verdict@25, in order. */
function requestedPages(queries: URLSearchParams[]): string[] {
  return queries.map(query => `${query.get('sort')}@${query.get('offset')}`);
}

/** Waits until the recorded requests include `page`, such as verdict@50. */
async function waitForRequestedPage(queries: URLSearchParams[], page: string) {
  await waitFor(() => expect(requestedPages(queries)).toContain(page));
}

function createClient() {
  return new AksTrafficSecurityClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });
}

/** Shows the current query string, so that tests can read the URL. */
function LocationProbe() {
  const location = useLocation();
  return <output aria-label="Query string">{location.search}</output>;
}

/** Stands in for an entity page with the browser's Back button. */
function EntityPageWithBack() {
  const navigate = useNavigate();
  return <button onClick={() => navigate(-1)}>Back</button>;
}

function renderPage(
  options: {
    client?: AksTrafficSecurityClient;
    takePrefetchedPages?: () => FleetPageCache | undefined;
    /** The URL to open the dashboard at, such as `/?verdict=fail`. */
    url?: string;
  } = {},
) {
  const client = options.client ?? createClient();

  return renderInTestApp(
    <TestApiProvider apis={[[aksTrafficSecurityApiRef, client]]}>
      <Routes>
        <Route
          path="/"
          element={
            <>
              <FleetDashboardContent
                takePrefetchedPages={options.takePrefetchedPages}
              />
              <LocationProbe />
              <Link to="/?verdict=fail">Failing entities</Link>
            </>
          }
        />
        <Route path="/catalog/*" element={<EntityPageWithBack />} />
      </Routes>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: [options.url ?? '/'],
    },
  );
}

function queryString() {
  return screen.getByRole('status', { name: 'Query string' }).textContent;
}

/**
 * Serves the three entries, renders the dashboard and waits for the table.
 * Returns the recorded fleet queries.
 */
async function renderFleet() {
  const queries = serveFleet();
  await renderPage();
  await screen.findByRole('link', { name: 'Shipping API' });
  return queries;
}

/**
 * Serves a paged fleet of `total` entities, renders the dashboard and waits
 * for the first page. Returns the recorded fleet queries.
 */
async function renderPagedFleet(total: number) {
  const queries = servePagedFleet(total);
  await renderPage();
  await screen.findByRole('link', { name: 'verdict-1' });
  return queries;
}

/**
 * Renders a paged fleet of `total` entities and waits until the dashboard
 * has prefetched the second page. Returns the recorded fleet queries.
 */
async function renderWithSecondPagePrefetched(total: number) {
  const queries = await renderPagedFleet(total);
  await waitForRequestedPage(queries, 'verdict@25');
  return queries;
}

/** Loads the first page of the default filters into a new page cache. */
async function cacheFirstPage() {
  const client = createClient();
  const cache = new FleetPageCache(client);
  await cache.load(toFleetQuery(DEFAULT_FLEET_FILTERS), {
    offset: 0,
    limit: 25,
  });
  return { client, cache };
}

/**
 * Waits for the empty trend. The trend arrives after the first page and
 * renders the dashboard again.
 */
async function waitForEmptyTrend() {
  await screen.findByText('No assessment history in the last 30 days.');
}

function entityRow(name: string) {
  return screen.getByRole('link', { name }).closest('tr')!;
}

describe('FleetDashboardContent', () => {
  it('counts entities per flow and verdict', async () => {
    serveFleet();

    await renderPage();

    const counts = await screen.findByRole('table', {
      name: 'Entities per flow and verdict',
    });
    const overall = within(counts).getByRole('row', { name: /^Overall/ });
    expect(
      within(overall).getByRole('button', {
        name: 'Show the 1 entity with overall verdict fail',
      }),
    ).toBeInTheDocument();
    const egress = within(counts).getByRole('row', { name: /^Egress/ });
    expect(
      within(egress).getByRole('button', {
        name: 'Show the 1 entity with Egress flow unknown',
      }),
    ).toBeInTheDocument();
    expect(
      within(egress).getByRole('button', {
        name: 'Show the 2 entities with Egress flow pass',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('3 matching entities')).toBeInTheDocument();
  });

  it('lists entities with the status of each flow', async () => {
    await renderFleet();

    const shipping = entityRow('Shipping API');
    const cells = within(shipping).getAllByRole('cell');
    expect(cells.map(cell => cell.textContent)).toEqual([
      'Shipping API',
      'logistics',
      'shipping',
      'aks-prod-weu',
      'Unknown',
      'Pass',
      'Unknown',
      'Pass',
      'Pass',
      'None',
      expect.stringMatching(/ago2 reads failed$/),
    ]);
    const billing = entityRow('billing-api');
    expect(
      within(billing).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(
      within(billing).getByRole('link', { name: 'billing' }),
    ).toHaveAttribute('href', '/catalog/default/system/billing');
    expect(within(billing).getByText('1 critical, 2 high')).toBeInTheDocument();
    expect(within(billing).getByText('Stale')).toBeInTheDocument();
    expect(within(billing).queryByText(/reads? failed/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Shipping API' })).toHaveAttribute(
      'href',
      '/catalog/default/component/shipping-api',
    );
  });

  it('filters by owner, system, cluster and verdict', async () => {
    const queries = await renderFleet();

    await userEvent.click(screen.getByRole('textbox', { name: 'Owner' }));
    await userEvent.paste('payments, group:default/logistics');
    await userEvent.click(screen.getByRole('textbox', { name: 'System' }));
    await userEvent.paste('billing');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Cluster' }),
      'aks-prod-weu',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Verdict' }),
      'fail',
    );

    await waitFor(() =>
      expect(queries[queries.length - 1].getAll('verdict')).toEqual(['fail']),
    );
    const last = queries[queries.length - 1];
    expect(last.getAll('owner')).toEqual([
      'payments',
      'group:default/logistics',
    ]);
    expect(last.getAll('system')).toEqual(['billing']);
    expect(last.get('cluster')).toBe('aks-prod-weu');
    expect(last.get('offset')).toBe('0');
    // The text filters wait for a pause in typing instead of sending each keystroke.
    expect(queries.length).toBeLessThan(10);
  });

  it('filters by flow from a count', async () => {
    const queries = serveFleet();
    await renderPage();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the 1 entity with Egress flow unknown',
      }),
    );

    await waitFor(() =>
      expect(queries[queries.length - 1].get('flow')).toBe('egress'),
    );
    expect(queries[queries.length - 1].getAll('verdict')).toEqual(['unknown']);
    expect(screen.getByRole('combobox', { name: 'Flow' })).toHaveValue(
      'egress',
    );
  });

  it('starts from the filters and page in the URL', async () => {
    const queries = servePagedFleet(5000);

    await renderPage({
      url: '/?owner=payments&flow=egress&verdict=fail&sort=title&order=desc&page=3&pageSize=50',
    });

    await screen.findByRole('link', { name: 'title-101' });
    const first = queries[0];
    expect(first.getAll('owner')).toEqual(['payments']);
    expect(first.get('flow')).toBe('egress');
    expect(first.getAll('verdict')).toEqual(['fail']);
    expect(first.get('sort')).toBe('title');
    expect(first.get('order')).toBe('desc');
    expect(first.get('offset')).toBe('100');
    expect(first.get('limit')).toBe('50');
    expect(screen.getByRole('textbox', { name: 'Owner' })).toHaveValue(
      'payments',
    );
    expect(screen.getByRole('combobox', { name: 'Verdict' })).toHaveValue(
      'fail',
    );
    expect(screen.getByText('101-150 of 5000')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Entity' }),
    ).toHaveAttribute('aria-sort', 'descending');
    expect(
      screen.getByRole('columnheader', { name: 'Overall' }),
    ).not.toHaveAttribute('aria-sort');
    // The page stays after the filter inputs' pause has passed.
    await act(() => new Promise(resolve => setTimeout(resolve, 600)));
    expect(queryString()).toContain('page=3');
    expect(requestedPages(queries)).not.toContain('title@0');
  });

  it('keeps the filters and page in the URL', async () => {
    await renderPagedFleet(5000);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Verdict' }),
      'fail',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Cluster' }),
      'aks-prod-weu',
    );
    await waitFor(() =>
      expect(queryString()).toBe('?cluster=aks-prod-weu&verdict=fail'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    await waitFor(() =>
      expect(queryString()).toBe('?cluster=aks-prod-weu&verdict=fail&page=2'),
    );
  });

  it('restores the filters after Back from an entity', async () => {
    const queries = serveFleet();
    await renderPage();
    await screen.findByRole('link', { name: 'Shipping API' });
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Verdict' }),
      'unknown',
    );
    await waitFor(() => expect(queryString()).toBe('?verdict=unknown'));

    await userEvent.click(screen.getByRole('link', { name: 'Shipping API' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Back' }));

    await screen.findByRole('link', { name: 'Shipping API' });
    expect(screen.getByRole('combobox', { name: 'Verdict' })).toHaveValue(
      'unknown',
    );
    expect(queries[queries.length - 1].getAll('verdict')).toEqual(['unknown']);
  });

  it('adopts the filters of a link to the dashboard', async () => {
    const queries = await renderFleet();

    await userEvent.click(
      screen.getByRole('link', { name: 'Failing entities' }),
    );

    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Verdict' })).toHaveValue(
        'fail',
      ),
    );
    await waitFor(() =>
      expect(queries[queries.length - 1].getAll('verdict')).toEqual(['fail']),
    );
    expect(queryString()).toBe('?verdict=fail');
  });

  it('pages through the fleet on the server', async () => {
    const queries = await renderPagedFleet(5000);
    await screen.findByText('1-25 of 5000');

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByText('26-50 of 5000')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'verdict-26' }),
    ).toBeInTheDocument();
    const second = queries.find(query => query.get('offset') === '25');
    expect(second?.get('limit')).toBe('25');
  });

  it('prefetches the next page once', async () => {
    const queries = await renderWithSecondPagePrefetched(5000);

    await waitForEmptyTrend();

    expect(requestedPages(queries)).toEqual(['verdict@0', 'verdict@25']);
  });

  it('shows the prefetched page without a request', async () => {
    const queries = await renderWithSecondPagePrefetched(5000);

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    // Rendered at once, without a loading state in between.
    expect(
      screen.getByRole('link', { name: 'verdict-26' }),
    ).toBeInTheDocument();
    expect(screen.getByText('26-50 of 5000')).toBeInTheDocument();
    expect(screen.queryByLabelText('Loading entities')).toBeNull();
    // The page after it is prefetched in turn.
    await waitForRequestedPage(queries, 'verdict@50');
    expect(requestedPages(queries)).toEqual([
      'verdict@0',
      'verdict@25',
      'verdict@50',
    ]);
  });

  it('keeps the previous page', async () => {
    const queries = await renderWithSecondPagePrefetched(5000);
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitForRequestedPage(queries, 'verdict@50');

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );

    expect(screen.getByRole('link', { name: 'verdict-1' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Loading entities')).toBeNull();
    expect(requestedPages(queries)).toEqual([
      'verdict@0',
      'verdict@25',
      'verdict@50',
    ]);
  });

  it('does not prefetch past the last page', async () => {
    const queries = await renderWithSecondPagePrefetched(30);
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('26-30 of 30')).toBeInTheDocument();

    await waitForEmptyTrend();

    expect(requestedPages(queries)).toEqual(['verdict@0', 'verdict@25']);
  });

  it('drops the prefetched page when a filter changes', async () => {
    const queries = await renderWithSecondPagePrefetched(5000);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Sort by' }),
      'title',
    );
    await screen.findByRole('link', { name: 'title-1' });
    await waitForRequestedPage(queries, 'title@25');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(screen.getByRole('link', { name: 'title-26' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'verdict-26' })).toBeNull();
    expect(requestedPages(queries).slice(0, 4)).toEqual([
      'verdict@0',
      'verdict@25',
      'title@0',
      'title@25',
    ]);
  });

  it('requests a page again after an assessment refresh', async () => {
    const queries = await renderWithSecondPagePrefetched(5000);

    act(() => recordAssessmentRefresh());
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(
      await screen.findByRole('link', { name: 'verdict-26' }),
    ).toBeInTheDocument();
    expect(
      requestedPages(queries).filter(page => page === 'verdict@25'),
    ).toHaveLength(2);
  });

  it('starts with the pages requested before it rendered', async () => {
    const queries = servePagedFleet(5000);
    const { client, cache } = await cacheFirstPage();

    await renderPage({ client, takePrefetchedPages: () => cache });

    expect(
      await screen.findByRole('link', { name: 'verdict-1' }),
    ).toBeInTheDocument();
    await waitForRequestedPage(queries, 'verdict@25');
    expect(requestedPages(queries)).toEqual(['verdict@0', 'verdict@25']);
  });

  it('shows a page that arrives between render and effect', async () => {
    servePagedFleet(5000);
    const { client, cache } = await cacheFirstPage();
    // The render misses the page and the next look finds it, as when it
    // arrives before the render's effect runs. Later looks miss it again,
    // so the page shows only if the effect renders it.
    const peek = cache.peek.bind(cache);
    jest
      .spyOn(cache, 'peek')
      .mockReturnValueOnce(undefined)
      .mockImplementationOnce(peek)
      .mockReturnValue(undefined);

    await renderPage({ client, takePrefetchedPages: () => cache });

    expect(
      await screen.findByRole('link', { name: 'verdict-1' }),
    ).toBeInTheDocument();
  });

  it('does not render the summary again on a page change', async () => {
    await renderPagedFleet(5000);
    await waitForEmptyTrend();
    const rendersBefore = jest.mocked(FleetSummary).mock.calls.length;

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: 'verdict-26' });

    expect(jest.mocked(FleetSummary).mock.calls).toHaveLength(rendersBefore);
  });

  it('exports the fleet as a CSV file', async () => {
    await renderFleet();
    let exportQuery: URLSearchParams | undefined;
    server.use(
      http.get(`${BASE_URL}/fleet/export`, ({ request }) => {
        exportQuery = new URL(request.url).searchParams;
        return new HttpResponse(
          'entityRef\r\ncomponent:default/shipping-api\r\n',
          {
            headers: {
              'Content-Type': 'text/csv',
              'Content-Disposition':
                'attachment; filename="aks-traffic-security-fleet.csv"',
            },
          },
        );
      }),
    );
    const createObjectURL = jest.fn(
      (_blob: Blob) => 'blob:http://localhost/fleet',
    );
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const downloads: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        downloads.push(`${this.download} ${this.href}`);
      });

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(downloads).toEqual([
        'aks-traffic-security-fleet.csv blob:http://localhost/fleet',
      ]),
    );
    expect(exportQuery?.get('format')).toBe('csv');
    expect(await createObjectURL.mock.calls[0][0].text()).toBe(
      'entityRef\r\ncomponent:default/shipping-api\r\n',
    );
    click.mockRestore();
  });

  it('shows the failing-check trend', async () => {
    serveFleet();

    await renderPage();

    expect(
      await screen.findByRole('img', {
        name: 'Failing checks from 2026-02-28 to 2026-03-02: 14 at the start, 6 at the end, at most 14.',
      }),
    ).toBeInTheDocument();
  });

  it('labels a one-day trend once', async () => {
    serveFleet();
    server.use(
      trendHandler([
        {
          date: '2026-03-02',
          failingChecks: 6,
          failingEntities: 3,
          entities: 41,
        },
      ]),
    );

    await renderPage();

    const chart = await screen.findByRole('img', {
      name: 'Failing checks on 2026-03-02: 6.',
    });
    expect(within(chart).getAllByText('2026-03-02')).toHaveLength(1);
  });

  it('explains a missing trend', async () => {
    serveFleet();
    server.use(
      http.get(`${BASE_URL}/fleet/trend`, () =>
        errorResponse(404, 'NotFoundError', 'Not found'),
      ),
    );

    await renderPage();

    expect(
      await screen.findByText(
        'The backend does not provide a fleet trend, so no trend is shown.',
      ),
    ).toBeInTheDocument();
  });

  it('says when no entity matches', async () => {
    server.use(
      http.get(`${BASE_URL}/fleet`, () =>
        HttpResponse.json(fleetResponse({ items: [], limit: 25, offset: 0 })),
      ),
      trendHandler([]),
    );

    await renderPage();

    expect(
      await screen.findByText('No assessed entity matches the filters.'),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Loading entities')).toBeNull();
  });

  it('shows the server message of an error', async () => {
    server.use(
      http.get(`${BASE_URL}/fleet`, () =>
        errorResponse(
          400,
          'InputError',
          "Invalid request, invalid query parameter 'owner': expected an entity reference such as group:default/name, got 'a:b:c'",
        ),
      ),
      trendHandler([]),
    );

    await renderPage();

    expect(
      await screen.findByText(
        "Error: Could not load the fleet: Invalid request, invalid query parameter 'owner': expected an entity reference such as group:default/name, got 'a:b:c'",
      ),
    ).toBeInTheDocument();
  });
});
