import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { demoComponent } from '../__testUtils__/demoCatalog';
import {
  liveConfig,
  REFRESH_TASK,
  startLiveBackend,
  useLiveMocks,
} from './__testUtils__/liveBackend';

jest.setTimeout(60_000);

const API = '/api/aks-traffic-security';
const VISIBLE = 'component:default/checkout-api';
const HIDDEN = 'component:default/store-terminal-api';

/**
 * A policy that grants the read permission on one entity only, the way a
 * conditional "is entity owner" decision resolves per entity.
 */
function ownerOnlyPermissions() {
  return mockServices.permissions.mock({
    authorize: (async (requests: EvaluatePermissionRequest[]) =>
      requests.map(item => ({
        result:
          'resourceRef' in item && item.resourceRef === VISIBLE
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }))) as any,
  }).factory;
}

describe('access control', () => {
  const mocks = useLiveMocks();

  async function start(
    options: { permissions?: any; rateLimit?: object } = {},
  ) {
    const backend = await startLiveBackend({
      entities: [
        demoComponent('checkout-api'),
        demoComponent('store-terminal-api'),
      ],
      config: {
        ...liveConfig(mocks.kubernetes.url),
        ...(options.rateLimit ? { refreshRateLimit: options.rateLimit } : {}),
      },
      permissions: options.permissions,
    });
    await backend.scheduler.triggerTask(REFRESH_TASK);
    return backend;
  }

  it('leaves hidden entities out of the fleet, export, trend and history', async () => {
    const backend = await start({ permissions: ownerOnlyPermissions() });

    const fleet = await request(backend.server).get(`${API}/fleet`);
    const csv = await request(backend.server).get(`${API}/fleet/export`);
    const json = await request(backend.server).get(
      `${API}/fleet/export?format=json`,
    );
    const trend = await request(backend.server).get(
      `${API}/fleet/trend?days=1`,
    );
    const hiddenHistory = await request(backend.server).get(
      `${API}/entities/component/default/store-terminal-api/history`,
    );
    const visibleHistory = await request(backend.server).get(
      `${API}/entities/component/default/checkout-api/history`,
    );
    await backend.stop();

    expect(fleet.body.items.map((item: any) => item.entityRef)).toEqual([
      VISIBLE,
    ]);
    expect(fleet.body.total).toBe(1);
    expect(csv.text).toContain(VISIBLE);
    expect(csv.text).not.toContain(HIDDEN);
    expect(json.body.items.map((item: any) => item.entityRef)).toEqual([
      VISIBLE,
    ]);
    expect(trend.status).toBe(200);
    expect(JSON.stringify(trend.body)).not.toContain(HIDDEN);
    expect(trend.body.points.at(-1).entities).toBe(1);
    expect(hiddenHistory.status).toBe(403);
    expect(hiddenHistory.body.error.message).toContain(HIDDEN);
    expect(visibleHistory.status).toBe(200);
  });

  it('limits on-demand refreshes per user', async () => {
    const backend = await start({
      rateLimit: { maxRequests: 2, window: { minutes: 1 } },
    });
    const refresh = (user: string) =>
      request(backend.server)
        .post(`${API}/entities/component/default/checkout-api/refresh`)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        );

    const first = await refresh('alice');
    const second = await refresh('alice');
    const third = await refresh('alice');
    const otherUser = await refresh('bob');
    await backend.stop();

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.body.error.message).toContain(
      "Too many refresh requests from 'user:default/alice': at most 2 per 60 s",
    );
    expect(otherUser.status).toBe(200);
  });

  it('counts only refreshes that are attempted', async () => {
    const backend = await start({
      permissions: ownerOnlyPermissions(),
      rateLimit: { maxRequests: 2, window: { minutes: 1 } },
    });
    const refresh = (name: string) =>
      request(backend.server)
        .post(`${API}/entities/component/default/${name}/refresh`)
        .set('Authorization', mockCredentials.user.header('user:default/alice'));

    const missing = [await refresh('nope'), await refresh('nope')];
    const denied = [
      await refresh('store-terminal-api'),
      await refresh('store-terminal-api'),
    ];
    const attempted = [
      await refresh('checkout-api'),
      await refresh('checkout-api'),
      await refresh('checkout-api'),
    ];
    await backend.stop();

    expect(missing.map(response => response.status)).toEqual([404, 404]);
    expect(denied.map(response => response.status)).toEqual([403, 403]);
    expect(attempted.map(response => response.status)).toEqual([
      200, 200, 429,
    ]);
  });

  it.each([
    [{ maxRequests: 0 }, 'aksTrafficSecurity.refreshRateLimit.maxRequests'],
    [{ window: 'soon' }, 'aksTrafficSecurity.refreshRateLimit.window'],
  ])('stops at start for rate limit %j', async (rateLimit, key) => {
    await expect(
      startLiveBackend({
        entities: [],
        config: {
          ...liveConfig(mocks.kubernetes.url),
          refreshRateLimit: rateLimit,
        },
      }),
    ).rejects.toThrow(key);
  });
});
