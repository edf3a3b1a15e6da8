import { Entity } from '@backstage/catalog-model';
import { ANNOTATIONS } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import request from 'supertest';
import { MOCK_ARM_ENDPOINT } from '../__testUtils__/armMock';
import {
  DEMO_CLIENT_SECRET,
  SPOKE_SUBSCRIPTION,
} from '../__testUtils__/azureSourceHarness';
import { demoComponent } from '../__testUtils__/demoCatalog';
import { MOCK_AUTHORITY_HOST } from '../__testUtils__/entraMock';
import {
  DEMO_CLUSTER_ID,
  liveConfig,
  REFRESH_TASK,
  startLiveBackend,
  useLiveMocks,
} from './__testUtils__/liveBackend';

jest.setTimeout(60_000);

const API = '/api/aks-traffic-security';
const GATEWAY_ID = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups/rg-contoso-edge-prod/providers/Microsoft.Network/applicationGateways/agw-contoso-prod-01`;

const CERT_DATA = 'MIIKZQIBAzCCCh8GCSqGSIb3DQEHAaCCChAEggoMSECRET-PFX-DATA';
const CERT_PASSWORD = 'pfx-password-Secret-7731';
const PUBLIC_CERT_DATA = 'MIIDXTCCAkWgAwIBAgIJAKSECRET-PUBLIC-CERT';
const ADMIN_PASSWORD = 'Windows-Admin-Password-9921!';
const KUBERNETES_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.kubernetes-reader-SECRET-token';

const ROUTES = [
  '/entities/component/default/checkout-api/assessment',
  '/entities/component/default/checkout-api/history',
  '/fleet',
  '/fleet/export?format=csv',
  '/fleet/export?format=json',
  '/fleet/trend',
  '/checks',
];

describe('secrets and request targets', () => {
  const mocks = useLiveMocks();

  it('keeps certificate data, passwords and tokens out of responses and logs', async () => {
    const gateway = mocks.arm.get(GATEWAY_ID)!;
    mocks.arm.add({
      ...gateway,
      properties: {
        ...gateway.properties,
        sslCertificates: [
          ...(gateway.properties.sslCertificates ?? []),
          {
            name: 'uploaded-pfx',
            id: `${GATEWAY_ID}/sslCertificates/uploaded-pfx`,
            properties: {
              data: CERT_DATA,
              password: CERT_PASSWORD,
              publicCertData: PUBLIC_CERT_DATA,
              provisioningState: 'Succeeded',
            },
          },
        ],
      },
    });
    const cluster = mocks.arm.get(DEMO_CLUSTER_ID)!;
    mocks.arm.add({
      ...cluster,
      properties: {
        ...cluster.properties,
        windowsProfile: {
          adminUsername: 'azureuser',
          adminPassword: ADMIN_PASSWORD,
        },
      },
    });
    mocks.kubernetes.token = KUBERNETES_TOKEN;
    const backend = await startLiveBackend({
      entities: [demoComponent('checkout-api')],
      config: liveConfig(mocks.kubernetes.url, {
        kubernetesToken: KUBERNETES_TOKEN,
      }),
    });

    await backend.scheduler.triggerTask(REFRESH_TASK);
    const refresh = await request(backend.server).post(
      `${API}/entities/component/default/checkout-api/refresh`,
    );
    const responses = [refresh.text];
    for (const route of ROUTES) {
      const response = await request(backend.server).get(`${API}${route}`);
      expect(`${route} ${response.status}`).toBe(`${route} 200`);
      responses.push(response.text);
    }
    await backend.stop();

    const assessment = JSON.parse(responses[0]).assessment;
    expect(
      assessment.checks.find(
        (check: { checkId: string }) =>
          check.checkId === 'ingress.appgw.listener-cert-keyvault',
      ).verdict,
    ).toBe('pass');
    const written = [...responses, backend.logger.text].join('\n');
    expect(backend.logger.lines.length).toBeGreaterThan(0);
    for (const secret of [
      CERT_DATA,
      CERT_PASSWORD,
      PUBLIC_CERT_DATA,
      ADMIN_PASSWORD,
      KUBERNETES_TOKEN,
      DEMO_CLIENT_SECRET,
      'access-token-',
    ]) {
      expect(written).not.toContain(secret);
    }
  });

  it.each([
    ['a URL', `https://evil.example.com${DEMO_CLUSTER_ID}`],
    [
      'a dot-dot segment',
      `${DEMO_CLUSTER_ID}/../../../../providers/Microsoft.Authorization/roleAssignments/x`,
    ],
    [
      'a query string',
      `${DEMO_CLUSTER_ID}?api-version=2099-01-01&$expand=secrets`,
    ],
    ['a fragment', `${DEMO_CLUSTER_ID}#fragment`],
    ['another host', `//evil.example.com${DEMO_CLUSTER_ID}`],
    [
      'an encoded slash',
      DEMO_CLUSTER_ID.replace('/managedClusters/', '/managedClusters%2F'),
    ],
    ['a relative path', 'subscriptions/../../etc/passwd'],
  ])('sends no request for a cluster id with %s', async (_name, clusterId) => {
    const entity: Entity = {
      ...demoComponent('checkout-api'),
      metadata: {
        ...demoComponent('checkout-api').metadata,
        name: 'crafted',
        annotations: {
          ...demoComponent('checkout-api').metadata.annotations,
          [ANNOTATIONS.clusterId]: clusterId,
        },
      },
    };
    const backend = await startLiveBackend({
      entities: [entity],
      config: liveConfig(mocks.kubernetes.url),
    });

    await backend.scheduler.triggerTask(REFRESH_TASK);
    const response = await request(backend.server).get(
      `${API}/entities/component/default/crafted/assessment`,
    );
    await backend.stop();

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(ANNOTATIONS.clusterId);
    const outbound = mocks.requests.filter(
      line => !line.includes('/api/aks-traffic-security/'),
    );
    expect(outbound).toEqual([]);
    expect(mocks.kubernetes.requests).toEqual([]);
    expect(mocks.arm.requests).toEqual([]);
  });

  it('sends requests only to the configured endpoints', async () => {
    const backend = await startLiveBackend({
      entities: [demoComponent('checkout-api')],
      config: liveConfig(mocks.kubernetes.url),
    });

    await backend.scheduler.triggerTask(REFRESH_TASK);
    await backend.stop();

    const origins = new Set(
      mocks.requests.map(line => new URL(line.split(' ')[1]).origin),
    );
    expect([...origins].sort()).toEqual(
      [MOCK_ARM_ENDPOINT, MOCK_AUTHORITY_HOST, mocks.kubernetes.url].sort(),
    );
    expect(mocks.arm.requests.length).toBeGreaterThan(3);
    expect(mocks.kubernetes.requests.length).toBeGreaterThan(3);
  });
});
