import {
  createMockDirectory,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import {
  annotatedComponent,
  clusterId,
  fixtureText,
  privateClusterJson,
  publicClusterJson,
} from '../__testUtils__/fixtures';
import { REFRESH_TASK, startLiveBackend } from './__testUtils__/liveBackend';

jest.setTimeout(180_000);

const API = '/api/aks-traffic-security';
const EXPOSURE_CHECK = 'mgmt.aks.api-server-exposure';
const TABLES = [
  'aks_traffic_security_assessments',
  'aks_traffic_security_history',
];

const shop = annotatedComponent('shop', {
  cluster: 'aks-public',
  owner: 'team-a',
  system: 'payments',
});
const ledger = annotatedComponent('ledger', {
  cluster: 'aks-private',
  owner: 'team-b',
  system: 'finance',
});

/** Query parameters of the API, and values near their valid ranges. */
const PARAMETERS = [
  'owner',
  'system',
  'cluster',
  'flow',
  'verdict',
  'severity',
  'sort',
  'order',
  'limit',
  'offset',
  'format',
  'days',
];
const parameterValue = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1e9',
    '1e19',
    '1e300',
    'NaN',
    'Infinity',
    '0x10',
    '1.5',
    '501',
    '91',
    'group:default/team-a',
    'user:',
    ':/',
    'fail,pass,',
    'FAIL',
    'ingress',
    'desc',
    'title',
    'json',
    'xml',
    '%00',
    "' OR 1=1 --",
    '__proto__',
    'constructor',
  ),
  fc.array(fc.string(), { maxLength: 3 }),
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...PARAMETERS), fc.string({ maxLength: 8 })),
  parameterValue,
  { maxKeys: 4 },
);
const pathSegment = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom('..', '.', '%2F', 'component', 'default', 'shop', ' ', '%'),
);

async function dumpStore(knex: Knex): Promise<string> {
  const tables = [];
  for (const table of TABLES) {
    tables.push(await knex(table).select().orderBy(knex.raw('1')));
  }
  return JSON.stringify(tables);
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('bad input on %s', databaseId => {
  const mockDir = createMockDirectory();

  async function start(
    databaseIdToUse: TestDatabaseId,
    options: { config?: JsonObject; entities?: Entity[] } = {},
  ) {
    const knex = await databases.init(databaseIdToUse);
    const { server, scheduler } = await startLiveBackend({
      entities: options.entities ?? [shop, ledger],
      config: options.config ?? {
        source: 'snapshot',
        snapshot: { directory: mockDir.path },
      },
      extraFeatures: [mockServices.database.factory({ knex })],
    });
    return { server, scheduler, knex };
  }

  beforeEach(() => {
    mockDir.setContent({
      'azure/clusters/aks-public.json': publicClusterJson('aks-public'),
      'azure/clusters/aks-private.json': privateClusterJson('aks-private'),
      'kubernetes/aks-public/a0008/ingress.yaml': fixtureText(
        'aks-baseline/02-aspnetapp-ingress.yaml',
      ),
    });
  });

  it('rejects offsets past the largest page', async () => {
    const { server, scheduler } = await start(databaseId);
    await scheduler.triggerTask(REFRESH_TASK);
    const routes = ['/fleet', '/entities/component/default/shop/history'];
    const offsets = ['1000001', '1e19', '9223372036854775807', '1e300'];

    const answers: string[] = [];
    for (const route of routes) {
      for (const offset of offsets) {
        const response = await request(server)
          .get(`${API}${route}`)
          .query({ offset });
        answers.push(
          `${route} ${offset}: ${response.status} ${
            /invalid query parameter 'offset'.*1000000/.test(
              response.body?.error?.message,
            )
              ? 'names the limit'
              : response.body?.error?.message
          }`,
        );
      }
    }

    expect(answers).toEqual(
      routes.flatMap(route =>
        offsets.map(offset => `${route} ${offset}: 400 names the limit`),
      ),
    );
  });

  it('answers fuzzed parameters with 2xx or a 4xx naming them', async () => {
    const { server, scheduler, knex } = await start(databaseId);
    await scheduler.triggerTask(REFRESH_TASK);
    const before = await dumpStore(knex);
    const statuses = new Map<number, number>();

    // Problems are collected, not asserted inside the property, so that one
    // failure lists every bad response of the run.
    const problems: string[] = [];
    const checkResponse = (
      label: string,
      response: request.Response,
      parameterError: boolean,
    ) => {
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const message = response.body?.error?.message;
      if (response.status >= 500) {
        problems.push(`${label}: ${response.status} ${response.text}`);
      } else if (
        response.status >= 400 &&
        (response.type !== 'application/json' || typeof message !== 'string')
      ) {
        problems.push(`${label}: ${response.status} without a JSON error`);
      } else if (
        parameterError &&
        response.status === 400 &&
        !/invalid query parameter '[^']+'/.test(message)
      ) {
        problems.push(`${label}: 400 naming no parameter: ${message}`);
      }
    };

    for (const route of ['/fleet', '/fleet/export', '/fleet/trend']) {
      await fc.assert(
        fc.asyncProperty(query, async parameters => {
          const response = await request(server)
            .get(`${API}${route}`)
            .query(parameters);
          checkResponse(
            `GET ${route} ${JSON.stringify(parameters)}`,
            response,
            true,
          );
        }),
        { numRuns: 60 },
      );
    }
    await fc.assert(
      fc.asyncProperty(
        pathSegment,
        pathSegment,
        pathSegment,
        fc.constantFrom('assessment', 'history', 'refresh'),
        query,
        async (kind, namespace, name, route, parameters) => {
          // A valid refresh of the annotated entity writes the store, which
          // the test checks stays unchanged.
          fc.pre(
            !(
              route === 'refresh' &&
              [kind, namespace, name].join('/').toLowerCase() ===
                'component/default/shop'
            ),
          );
          const path = `${API}/entities/${[kind, namespace, name]
            .map(encodeURIComponent)
            .join('/')}/${route}`;
          const response = await (route === 'refresh'
            ? request(server).post(path)
            : request(server).get(path).query(parameters));
          checkResponse(`${route} ${path}`, response, false);
        },
      ),
      { numRuns: 60 },
    );

    expect(problems).toEqual([]);
    expect(await dumpStore(knex)).toBe(before);
    // Both outcomes were reached, so the fuzzing is not trivially valid or invalid.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });

  it.each([
    [
      '/fleet?limit=abc',
      "'limit': expected a whole number from 1 to 500, got 'abc'",
    ],
    [
      '/fleet?limit=1e2',
      "'limit': expected a whole number from 1 to 500, got '1e2'",
    ],
    [
      '/fleet?offset=0x10',
      "'offset': expected a whole number from 0 to 1000000, got '0x10'",
    ],
    [
      '/fleet?limit=10&limit=20',
      `'limit': expected a whole number from 1 to 500, got ["10","20"]`,
    ],
    [
      '/fleet/trend?days=',
      "'days': expected a whole number from 1 to 90, got ''",
    ],
  ])('answers %s with 400 naming the value', async (path, message) => {
    const { server } = await start(databaseId);

    const response = await request(server).get(`${API}${path}`);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      `invalid query parameter ${message}`,
    );
  });

  it.each([
    [
      '/fleet?foo=bar',
      "'foo': unknown parameter, expected one of owner, system, cluster, flow, verdict, severity, sort, order, limit, offset",
    ],
    [
      '/fleet?verdicts=fail',
      "'verdicts': unknown parameter, expected one of owner, system, cluster, flow, verdict, severity, sort, order, limit, offset",
    ],
    [
      '/fleet/export?format=json&limit=1',
      "'limit': unknown parameter, expected one of owner, system, cluster, flow, verdict, severity, sort, order, format",
    ],
    [
      '/fleet/trend?sort=bogus',
      "'sort': unknown parameter, expected one of owner, system, cluster, flow, verdict, severity, days",
    ],
    [
      '/entities/component/default/shop/history?bogus=1',
      "'bogus': unknown parameter, expected one of limit, offset",
    ],
    [
      '/entities/component/default/shop/assessment?bogus=1',
      "'bogus': unknown parameter, expected no query parameters",
    ],
    [
      '/checks?foo=bar',
      "'foo': unknown parameter, expected no query parameters",
    ],
  ])(
    'answers %s with 400 naming the unknown parameter',
    async (path, message) => {
      const { server } = await start(databaseId);

      const response = await request(server).get(`${API}${path}`);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        `Invalid request, invalid query parameter ${message}`,
      );
    },
  );

  it.each([
    [
      '/fleet?owner[x]=1',
      `invalid query parameter 'owner': expected an entity reference or a list of them, got {"x":"1"}`,
    ],
    [
      '/fleet?cluster[x]=1',
      `invalid query parameter 'cluster': expected a cluster name or ARM id, got {"x":"1"}`,
    ],
    [
      '/fleet?verdict=great',
      "invalid query parameter 'verdict': expected one of fail, unknown, warn, pass, not-applicable, got 'great'",
    ],
    [
      '/fleet?verdict=pass,great',
      "invalid query parameter 'verdict': expected one of fail, unknown, warn, pass, not-applicable, got 'great'",
    ],
    [
      '/fleet?flow=sideways',
      "invalid query parameter 'flow': expected one of ingress, egress, pod-to-pod, management, got 'sideways'",
    ],
    [
      '/fleet/export?format=xml',
      "invalid query parameter 'format': expected one of csv, json, got 'xml'",
    ],
  ])('answers %s with 400 saying what is expected', async (path, message) => {
    const { server } = await start(databaseId);

    const response = await request(server).get(`${API}${path}`);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(`Invalid request, ${message}`);
  });

  it.each([
    [
      'component/default/%00',
      "invalid path parameter 'name': expected an entity name of 1 to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, got '\\u0000'",
    ],
    [
      'component/my%20team/shop',
      "invalid path parameter 'namespace': expected an entity namespace of 1 to 63 letters, digits and '-', starting and ending with a letter or digit, got 'my team'",
    ],
    [
      'comp-onent/default/shop',
      "invalid path parameter 'kind': expected an entity kind of 1 to 63 letters and digits, starting with a letter, got 'comp-onent'",
    ],
  ])(
    'answers entity path %s with 400 saying what is allowed',
    async (path, message) => {
      const { server } = await start(databaseId);

      const assessment = await request(server).get(
        `${API}/entities/${path}/assessment`,
      );
      const refresh = await request(server).post(
        `${API}/entities/${path}/refresh`,
      );

      expect(assessment.status).toBe(400);
      expect(assessment.body.error.message).toBe(`Invalid request, ${message}`);
      expect(refresh.status).toBe(400);
      expect(refresh.body.error.message).toBe(`Invalid request, ${message}`);
    },
  );

  it('rejects an unknown refresh parameter', async () => {
    const { server } = await start(databaseId);

    const response = await request(server).post(
      `${API}/entities/component/default/shop/refresh?force=1`,
    );

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      "Invalid request, invalid query parameter 'force': unknown parameter, expected no query parameters",
    );
  });

  it.each([
    ['empty', ''],
    ['truncated', publicClusterJson('aks-public').slice(0, 120)],
    ['not JSON', 'managedClusters:\n  - this is: [not json'],
    [
      'another resource type',
      JSON.stringify({
        ...JSON.parse(privateClusterJson('aks-public')),
        type: 'Microsoft.Network/routeTables',
        id: clusterId('aks-public').replace(
          'Microsoft.ContainerService/managedClusters',
          'Microsoft.Network/routeTables',
        ),
      }),
    ],
  ])('reports a cluster file that is %s as unknown', async (_name, text) => {
    mockDir.setContent({
      'azure/clusters/aks-public.json': text,
      'azure/clusters/aks-private.json': privateClusterJson('aks-private'),
    });
    const { server, scheduler } = await start(databaseId);
    await scheduler.triggerTask(REFRESH_TASK);

    const shopResponse = await request(server).get(
      `${API}/entities/component/default/shop/assessment`,
    );
    const ledgerResponse = await request(server).get(
      `${API}/entities/component/default/ledger/assessment`,
    );

    const exposure = (body: any) =>
      body.assessment.checks.find(
        (check: { checkId: string }) => check.checkId === EXPOSURE_CHECK,
      );
    expect(shopResponse.status).toBe(200);
    expect(exposure(shopResponse.body).verdict).toBe('unknown');
    expect(exposure(shopResponse.body).reason).toBeDefined();
    expect(
      shopResponse.body.assessment.checks.filter(
        (check: { checkId: string; verdict: string }) =>
          check.checkId.startsWith('mgmt.aks.') && check.verdict === 'pass',
      ),
    ).toEqual([]);
    expect(exposure(ledgerResponse.body).verdict).toBe('pass');
  });

  it.each([
    [{ source: 'bogus' }, 'aksTrafficSecurity.source'],
    [
      { history: { retentionDays: 0 } },
      'aksTrafficSecurity.history.retentionDays',
    ],
    [
      { policy: { disabledChecks: ['ingress.appgw.no-such-check'] } },
      'aksTrafficSecurity.policy.disabledChecks',
    ],
    [{ refresh: { frequency: 'often' } }, 'aksTrafficSecurity.refresh'],
    [
      { source: 'azure', azure: { maxRetries: 99 } },
      'aksTrafficSecurity.azure.maxRetries',
    ],
    [
      {
        source: 'azure',
        kubernetes: {
          clusters: [{ clusterId: 'aks-public', url: 'https://127.0.0.1' }],
        },
      },
      'aksTrafficSecurity.kubernetes.clusters[0].clusterId',
    ],
  ])('stops at start for invalid config %j', async (config, key) => {
    await expect(
      start(databaseId, {
        config: { snapshot: { directory: mockDir.path }, ...config },
      }),
    ).rejects.toThrow(key);
  });
});
