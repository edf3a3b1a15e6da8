import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { discoverFeatures } from './__testUtils__/discoverFeatures';
import trafficSecurityPlugin from '@aks-traffic-security/plugin-aks-traffic-security/alpha';
import App from './App';

jest.setTimeout(120_000);

// Loading every discovered plugin in jsdom takes several seconds.
const WAIT = { timeout: 30_000 };

// Port 9 (discard) normally has no listener on loopback, so a request that
// bypasses the fetch mock fails instead of reaching a backend that happens
// to run on the development port.
const BACKEND_URL = 'http://127.0.0.1:9';

const DISCOVERED_KEY = '__@backstage/discovered__';

const TRAFFIC_SECURITY_PACKAGE =
  '@aks-traffic-security/plugin-aks-traffic-security';

function base64Url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Builds the body of the guest provider's refresh endpoint, with an unsigned token. */
function guestSession() {
  const token = [
    base64Url({ alg: 'none', typ: 'JWT' }),
    base64Url({
      sub: 'user:development/guest',
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
    'signature',
  ].join('.');
  return {
    backstageIdentity: {
      token,
      identity: {
        type: 'user',
        userEntityRef: 'user:development/guest',
        ownershipEntityRefs: ['user:development/guest'],
      },
    },
    profile: { displayName: 'Guest' },
  };
}

const FLEET = {
  items: [
    {
      entityRef: 'component:default/orders-api',
      title: 'Orders API',
      owner: 'group:default/team-orders',
      system: 'system:default/shop',
      clusterId:
        '/subscriptions/6c9f8a2e-1b5d-4c3e-9f7a-2d8e1b4c6a90/resourceGroups/rg-bu0001a0008/providers/Microsoft.ContainerService/managedClusters/aks-bu0001a0008-00',
      verdict: 'fail',
      flows: {
        ingress: 'fail',
        egress: 'pass',
        'pod-to-pod': 'pass',
        management: 'unknown',
      },
      failingBySeverity: { high: 1 },
      evaluatedAt: '2026-12-01T10:00:00.000Z',
      stale: false,
      failedReads: 0,
    },
  ],
  total: 1,
  limit: 25,
  offset: 0,
  verdictCounts: {
    fail: 1,
    unknown: 0,
    warn: 0,
    pass: 0,
    'not-applicable': 0,
  },
  flowCounts: {
    ingress: { fail: 1, unknown: 0, warn: 0, pass: 0, 'not-applicable': 0 },
    egress: { fail: 0, unknown: 0, warn: 0, pass: 1, 'not-applicable': 0 },
    'pod-to-pod': {
      fail: 0,
      unknown: 0,
      warn: 0,
      pass: 1,
      'not-applicable': 0,
    },
    management: { fail: 0, unknown: 1, warn: 0, pass: 0, 'not-applicable': 0 },
  },
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/**
 * Mocks `fetch` with the backend responses the test needs and 404 for every
 * other URL. Returns the list of requested URLs, which grows as the app runs.
 */
function mockBackend(): string[] {
  const requested: string[] = [];
  jest.spyOn(global, 'fetch').mockImplementation(async input => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requested.push(`${url.origin}${url.pathname}`);

    if (url.pathname === '/api/auth/guest/refresh') {
      return json(guestSession());
    }
    if (url.pathname === '/api/aks-traffic-security/fleet') {
      return json(FLEET);
    }
    if (url.pathname === '/api/aks-traffic-security/fleet/trend') {
      return json({ points: [] });
    }
    return json(
      { error: { name: 'NotFoundError', message: 'Not found' } },
      404,
    );
  });
  return requested;
}

function setAppConfig() {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: {
            title: 'AKS Traffic Security',
            baseUrl: 'http://localhost:3000',
            packages: 'all',
          },
          backend: { baseUrl: BACKEND_URL },
          auth: { providers: { guest: {} } },
        },
        context: 'test',
      },
    ] as any,
  };
}

describe('App', () => {
  const originalEnv = process.env;

  afterEach(() => {
    process.env = originalEnv;
    delete (window as any)[DISCOVERED_KEY];
    jest.restoreAllMocks();
  });

  it('discovers the Traffic security plugin', async () => {
    const modules = await discoverFeatures();

    expect(
      modules
        .filter(module => module.name === TRAFFIC_SECURITY_PACKAGE)
        .map(module => [module.export, module.default]),
    ).toEqual([
      [undefined, undefined],
      ['./alpha', trafficSecurityPlugin],
    ]);
    expect(
      modules.filter(module => module.name === '@backstage/plugin-catalog'),
    ).toHaveLength(2);
  });

  // createApp loads the config and the discovered features once per App
  // module and caches the result, so this file renders the app only once.
  it('signs in as guest and opens the Traffic security page', async () => {
    setAppConfig();
    (window as any)[DISCOVERED_KEY] = { modules: await discoverFeatures() };
    const requested = mockBackend();

    render(App.createRoot());

    expect(
      await screen.findByRole(
        'heading',
        { name: 'AKS Traffic Security' },
        WAIT,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(requested).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Enter' }));
    // Role queries over the whole signed-in app are slow in jsdom. With them
    // this test took 32 s on a two-core machine, and 5 s with text queries
    // and role queries scoped to the sidebar and the table row.
    await screen.findByText('Traffic security', {}, WAIT);
    const navItem = within(
      screen.getByRole('navigation', { name: 'sidebar nav' }),
    ).getByRole('link', { name: 'Traffic security' });

    expect(navItem).toHaveAttribute('href', '/aks-traffic-security');
    expect(requested).toContain(`${BACKEND_URL}/api/auth/guest/refresh`);

    await userEvent.click(navItem);
    const entityRow = (await screen.findByText('Orders API', {}, WAIT)).closest(
      'tr',
    )!;

    expect(window.location.pathname).toBe('/aks-traffic-security');
    expect(
      within(entityRow).getByRole('link', { name: 'Orders API' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-api');
    expect(requested).toContain(
      `${BACKEND_URL}/api/aks-traffic-security/fleet`,
    );
    expect(requested.filter(url => !url.startsWith(BACKEND_URL))).toEqual([]);
  });
});
