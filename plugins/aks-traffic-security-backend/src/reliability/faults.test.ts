import { HttpResponse, http } from 'msw';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  CheckResult,
  EntityAssessmentResponse,
  EntityHistoryResponse,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import request from 'supertest';
import { armError } from '../__testUtils__/armMock';
import {
  HUB_SUBSCRIPTION,
  SPOKE_SUBSCRIPTION,
} from '../__testUtils__/azureSourceHarness';
import { demoComponent } from '../__testUtils__/demoCatalog';
import { MOCK_AUTHORITY_HOST } from '../__testUtils__/entraMock';
import { status } from '../__testUtils__/kubernetesApiMock';
import {
  liveConfig,
  REFRESH_TASK,
  startLiveBackend,
  useLiveMocks,
} from './__testUtils__/liveBackend';

jest.setTimeout(60_000);

const API = '/api/aks-traffic-security';
const ENTITY = demoComponent('checkout-api');
const ENTITY_PATH = `${API}/entities/component/default/checkout-api`;

const SPOKE = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups`;
const HUB = `/subscriptions/${HUB_SUBSCRIPTION}/resourceGroups`;
const GATEWAY_ID = `${SPOKE}/rg-contoso-edge-prod/providers/Microsoft.Network/applicationGateways/agw-contoso-prod-01`;
const CLUSTER_ID = `${SPOKE}/rg-contoso-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod-01`;
const FIREWALL_ID = `${HUB}/rg-contoso-connectivity-westeurope/providers/Microsoft.Network/azureFirewalls/afw-contoso-hub-westeurope`;
const FIREWALL_POLICY_ID = `${HUB}/rg-contoso-connectivity-westeurope/providers/Microsoft.Network/firewallPolicies/afwp-contoso-hub-westeurope`;
const RESOURCE_GRAPH_PATH = '/providers/Microsoft.ResourceGraph/resources';

type Mocks = ReturnType<typeof useLiveMocks>;

interface FaultCase {
  name: string;
  /** Breaks a read after the first, healthy refresh. */
  inject(mocks: Mocks): void;
  /** Checks that must become `unknown`, and the reason they must give. */
  unknown: string[];
  reason: string;
  /** Checks whose data the fault does not touch: their verdict must not change. */
  unchanged: string[];
}

const jsonText = (text: string) =>
  new HttpResponse(text, {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

const FAULTS: FaultCase[] = [
  {
    name: 'ARM resource GET answers malformed JSON',
    inject: mocks =>
      mocks.arm.override(GATEWAY_ID, () =>
        jsonText('<html><body>Bad gateway</body></html>'),
      ),
    unknown: ['ingress.appgw.min-tls-version', 'ingress.appgw.https-only'],
    reason: 'invalid-response',
    unchanged: ['mgmt.aks.local-accounts-disabled', 'pod.k8s.default-deny'],
  },
  {
    name: 'ARM resource GET answers truncated JSON',
    inject: mocks =>
      mocks.arm.override(CLUSTER_ID, () =>
        jsonText(JSON.stringify(mocks.arm.get(CLUSTER_ID)).slice(0, 200)),
      ),
    unknown: [
      'mgmt.aks.local-accounts-disabled',
      'mgmt.aks.api-server-exposure',
    ],
    reason: 'invalid-response',
    unchanged: ['ingress.appgw.min-tls-version'],
  },
  {
    name: 'ARM resource GET connection reset',
    inject: mocks => mocks.arm.override(GATEWAY_ID, () => HttpResponse.error()),
    unknown: ['ingress.appgw.min-tls-version'],
    reason: 'network-error',
    unchanged: ['mgmt.aks.local-accounts-disabled', 'pod.k8s.default-deny'],
  },
  {
    name: 'rule collection group list loses its middle page',
    inject: mocks => {
      const group = mocks.arm.get(
        `${FIREWALL_POLICY_ID}/ruleCollectionGroups/DefaultNetworkRuleCollectionGroup`,
      )!;
      mocks.arm.add({
        ...group,
        id: `${FIREWALL_POLICY_ID}/ruleCollectionGroups/ExtraNetworkRuleCollectionGroup`,
        name: 'ExtraNetworkRuleCollectionGroup',
      });
      mocks.arm.listPageSize = 1;
      mocks.arm.override(
        `${FIREWALL_POLICY_ID}/ruleCollectionGroups`,
        attempt =>
          attempt >= 2
            ? armError(
                500,
                'InternalServerError',
                'An internal error occurred.',
              )
            : undefined,
      );
    },
    unknown: ['egress.firewall.no-allow-any'],
    reason: 'server-error',
    unchanged: ['ingress.appgw.min-tls-version', 'pod.k8s.default-deny'],
  },
  {
    name: 'Resource Graph loses its second page',
    inject: mocks => {
      mocks.arm.resourceGraphPageSize = 1;
      mocks.arm.override(RESOURCE_GRAPH_PATH, attempt =>
        attempt >= 2
          ? armError(503, 'ServiceUnavailable', 'Service unavailable.')
          : undefined,
      );
    },
    unknown: ['egress.firewall.threat-intel'],
    reason: 'server-error',
    unchanged: ['ingress.appgw.min-tls-version', 'pod.k8s.default-deny'],
  },
  {
    name: 'token endpoint rejects every credential',
    inject: mocks =>
      mocks.server.use(
        http.post(`${MOCK_AUTHORITY_HOST}/:tenantId/oauth2/v2.0/token`, () =>
          HttpResponse.json(
            {
              error: 'unauthorized_client',
              error_description:
                "AADSTS700016: Application with identifier 'e2c9a4b7-1d3f-4a6e-8b5c-0f7d2e9a1c34' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant.",
              error_codes: [700016],
            },
            { status: 400 },
          ),
        ),
      ),
    unknown: [
      'ingress.appgw.min-tls-version',
      'mgmt.aks.local-accounts-disabled',
      'egress.routetable.default-route-to-firewall',
    ],
    reason: 'credential-failed',
    unchanged: ['pod.k8s.default-deny'],
  },
  {
    name: 'subscription in a tenant the credential cannot reach',
    inject: mocks =>
      mocks.arm.override(FIREWALL_ID, () =>
        armError(
          401,
          'InvalidAuthenticationTokenTenant',
          `The access token is from the wrong issuer 'https://sts.windows.net/8b1f3c2a-6d4e-4f7a-9c0b-2e5d1a7f3b64/'. It must match the tenant 'https://sts.windows.net/0d6e9a71-1c4b-4a8e-9f3d-5b2c7e1a9d08/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/0d6e9a71-1c4b-4a8e-9f3d-5b2c7e1a9d08' to get the token.`,
        ),
      ),
    unknown: ['egress.firewall.threat-intel'],
    reason: 'credential-failed',
    unchanged: ['ingress.appgw.min-tls-version', 'pod.k8s.default-deny'],
  },
  {
    name: 'Kubernetes API answers 401',
    inject: mocks =>
      mocks.kubernetes.override(() => ({
        status: 401,
        body: status(401, 'Unauthorized', 'Unauthorized'),
      })),
    unknown: ['pod.k8s.default-deny', 'ingress.k8s.ingress-tls'],
    reason: 'credential-failed',
    unchanged: [
      'ingress.appgw.min-tls-version',
      'mgmt.aks.local-accounts-disabled',
    ],
  },
  {
    name: 'Kubernetes API answers 403 for network policies',
    inject: mocks =>
      mocks.kubernetes.override(item =>
        item.path.endsWith('/networkpolicies')
          ? {
              status: 403,
              body: status(
                403,
                'Forbidden',
                'networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:aks-traffic-security:reader" cannot list resource "networkpolicies" in API group "networking.k8s.io" in the namespace "checkout"',
              ),
            }
          : undefined,
      ),
    unknown: ['pod.k8s.default-deny'],
    reason: 'forbidden',
    unchanged: ['ingress.appgw.min-tls-version', 'ingress.k8s.ingress-tls'],
  },
  {
    name: 'Kubernetes API answers 429',
    inject: mocks =>
      mocks.kubernetes.override(() => ({
        status: 429,
        body: status(
          429,
          'TooManyRequests',
          'Too many requests, please try again later.',
        ),
      })),
    unknown: ['pod.k8s.default-deny'],
    reason: 'throttled',
    unchanged: ['ingress.appgw.min-tls-version'],
  },
  {
    name: 'Kubernetes API answers 500',
    inject: mocks =>
      mocks.kubernetes.override(() => ({
        status: 500,
        body: status(
          500,
          'InternalError',
          'Internal error occurred: etcdserver: request timed out',
        ),
      })),
    unknown: ['pod.k8s.default-deny'],
    reason: 'server-error',
    unchanged: ['ingress.appgw.min-tls-version'],
  },
  {
    name: 'Kubernetes API answers 503',
    inject: mocks =>
      mocks.kubernetes.override(() => ({
        status: 503,
        body: status(
          503,
          'ServiceUnavailable',
          'the server is currently unable to handle the request',
        ),
      })),
    unknown: ['pod.k8s.default-deny'],
    reason: 'server-error',
    unchanged: ['ingress.appgw.min-tls-version'],
  },
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('read faults on %s', databaseId => {
  const mocks = useLiveMocks();

  async function startOn(knex: any, config = liveConfig(mocks.kubernetes.url)) {
    return startLiveBackend({
      entities: [ENTITY],
      config,
      extraFeatures: [mockServices.database.factory({ knex })],
    });
  }

  it.each(FAULTS.map(fault => [fault.name, fault] as const))(
    '%s',
    async (_name, fault) => {
      const knex = await databases.init(databaseId);
      // A first backend stores a healthy assessment; the faulty refresh then
      // runs on a fresh backend over the same database, so the credential
      // holds no cached token.
      const healthy = await startOn(knex);
      await healthy.scheduler.triggerTask(REFRESH_TASK);
      const before: EntityAssessmentResponse = (
        await request(healthy.server).get(`${ENTITY_PATH}/assessment`)
      ).body;
      await healthy.stop();

      fault.inject(mocks);
      const faulty = await startOn(knex);
      await faulty.scheduler.triggerTask(REFRESH_TASK);
      const after = await request(faulty.server).get(
        `${ENTITY_PATH}/assessment`,
      );
      const history = await request(faulty.server).get(
        `${ENTITY_PATH}/history`,
      );
      await faulty.stop();

      const verdictOf = (body: EntityAssessmentResponse, checkId: string) =>
        body.assessment.checks.find(check => check.checkId === checkId);
      expect(after.status).toBe(200);
      for (const checkId of [...fault.unknown, ...fault.unchanged]) {
        expect(`${checkId} ${verdictOf(before, checkId)?.verdict}`).not.toBe(
          `${checkId} unknown`,
        );
      }
      for (const checkId of fault.unknown) {
        expect(verdictOf(after.body, checkId)).toMatchObject({
          verdict: 'unknown',
          reason: fault.reason,
        });
      }
      for (const checkId of fault.unchanged) {
        expect(`${checkId} ${verdictOf(after.body, checkId)?.verdict}`).toBe(
          `${checkId} ${verdictOf(before, checkId)?.verdict}`,
        );
      }
      // A pass after the fault is only possible where the healthy read passed.
      const unsupported = after.body.assessment.checks.filter(
        (check: CheckResult) =>
          check.verdict === 'pass' &&
          verdictOf(before, check.checkId)?.verdict !== 'pass',
      );
      expect(unsupported).toEqual([]);

      // The failed reads are named, and the healthy assessment is kept as
      // the last complete one, marked stale.
      expect(before.failedReads).toEqual([]);
      expect(before.lastComplete).toBeUndefined();
      expect(after.body.failedReads).toContainEqual(
        expect.objectContaining({ reason: fault.reason }),
      );
      expect(after.body.lastComplete).toMatchObject({
        evaluatedAt: before.assessment.evaluatedAt,
        verdict: before.assessment.verdict,
        stale: true,
      });

      // The healthy assessment stays in the history, and the change is recorded.
      const items = (history.body as EntityHistoryResponse).items;
      expect(history.body.total).toBe(2);
      expect(items[1].verdict).toBe(before.assessment.verdict);
      expect(items[0].changes).toBeDefined();
    },
  );
});
