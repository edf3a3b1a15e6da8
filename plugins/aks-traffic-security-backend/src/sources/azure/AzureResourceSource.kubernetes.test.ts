import path from 'path';
import { http, passthrough } from 'msw';
import {
  evaluate,
  scopeFromAnnotations,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { DEMO_SNAPSHOT_DIR } from '../../__testUtils__/armMock';
import {
  checkOf,
  createAzureSource,
  demoAzureConfig,
  kubernetesCluster,
  readEntity,
  useAzureMocks,
  useDemoKubernetesApi,
} from '../../__testUtils__/azureSourceHarness';
import { demoComponent } from '../../__testUtils__/demoCatalog';
import {
  FakeKubernetesApi,
  status,
} from '../../__testUtils__/kubernetesApiMock';
import { SnapshotResourceSource } from '../SnapshotResourceSource';

const INGRESS_CHECK = 'ingress.k8s.ingress-tls';
const DEFAULT_DENY_CHECK = 'pod.k8s.default-deny';
const GATEWAY_CHECK = 'ingress.appgw.min-tls-version';
const HOST_NETWORK_CHECK = 'pod.k8s.no-host-network';

describe('AzureResourceSource with Kubernetes', () => {
  const mocks = useAzureMocks();

  const kubernetes = useDemoKubernetesApi(mocks);
  const createSource = () => kubernetes.createSource();

  it('reads Kubernetes lists beside a full Azure request limit', async () => {
    const slowApi = await FakeKubernetesApi.start({ latencyMs: 100 });
    try {
      slowApi.addClusterDirectory(
        path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
      );
      const started: number[] = [];
      slowApi.override(() => {
        started.push(Date.now());
        return undefined;
      });
      mocks.server.use(http.all(`${slowApi.url}/*`, () => passthrough()));
      const { source } = createAzureSource(
        demoAzureConfig({ maxConcurrency: 1 }),
        { clusters: [kubernetesCluster(slowApi.url)], maxConcurrency: 4 },
      );

      await readEntity(source, demoComponent('checkout-api'));

      // One request at a time would start the lists 100 ms apart.
      const gaps = started.slice(1).map((at, index) => at - started[index]);
      expect(started.length).toBeGreaterThan(5);
      expect(Math.min(...gaps)).toBeLessThan(50);
    } finally {
      await slowApi.close();
    }
  });

  it('gives the verdicts of the demo snapshot', async () => {
    const entity = demoComponent('checkout-api');
    const snapshot = new SnapshotResourceSource({
      directory: DEMO_SNAPSHOT_DIR,
    });

    const live = evaluate(await readEntity(createSource(), entity));
    const expected = evaluate(
      await snapshot.readResourceSet(
        entity,
        scopeFromAnnotations(entity).scope,
      ),
    );

    expect(
      live.checks.map(check => `${check.checkId} ${check.verdict}`),
    ).toEqual(
      expected.checks.map(check => `${check.checkId} ${check.verdict}`),
    );
    expect(live.verdict).toBe('pass');
  });

  it('judges the pods of CronJobs', async () => {
    kubernetes.api.add({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'checkout-report', namespace: 'checkout' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                hostNetwork: true,
                containers: [{ name: 'report', image: 'report:1.0' }],
              },
            },
          },
        },
      },
    });

    const assessment = evaluate(
      await readEntity(createSource(), demoComponent('checkout-api')),
    );

    expect(checkOf(assessment, HOST_NETWORK_CHECK)).toMatchObject({
      verdict: 'fail',
      message: expect.stringContaining('CronJob/checkout-report'),
    });
  });

  it('judges a Pod that no workload controls', async () => {
    kubernetes.api.add({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'checkout-debug', namespace: 'checkout' },
      spec: {
        hostNetwork: true,
        containers: [{ name: 'debug', image: 'debug:1.0' }],
      },
    });

    const assessment = evaluate(
      await readEntity(createSource(), demoComponent('checkout-api')),
    );

    expect(checkOf(assessment, HOST_NETWORK_CHECK)).toMatchObject({
      verdict: 'fail',
      message: expect.stringContaining('Pod/checkout-debug'),
    });
  });

  it('makes only the checks of a forbidden kind unknown', async () => {
    kubernetes.api.override(request =>
      request.path.endsWith('/ingresses')
        ? {
            status: 403,
            body: status(
              403,
              'Forbidden',
              'ingresses.networking.k8s.io is forbidden: User "system:serviceaccount:aks-traffic-security:reader" cannot list resource "ingresses" in API group "networking.k8s.io" in the namespace "checkout"',
            ),
          }
        : undefined,
    );

    const assessment = evaluate(
      await readEntity(createSource(), demoComponent('checkout-api')),
    );

    expect(checkOf(assessment, INGRESS_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'forbidden',
    });
    expect(checkOf(assessment, DEFAULT_DENY_CHECK).verdict).toBe('pass');
    expect(checkOf(assessment, GATEWAY_CHECK).verdict).toBe('pass');
  });

  it('rereads only a released cluster', async () => {
    const source = createSource();
    const entity = demoComponent('checkout-api');
    const { clusterId, gatewayId } = scopeFromAnnotations(entity).scope;
    const lists = () =>
      kubernetes.api.requests.filter(request => request.path !== '/apis')
        .length;

    source.beginRefresh();
    try {
      await readEntity(source, entity);
      const firstLists = lists();
      await readEntity(source, entity);
      const listsBeforeRelease = lists();
      source.release({ clusterId });
      await readEntity(source, entity);

      expect(firstLists).toBeGreaterThan(5);
      expect(listsBeforeRelease).toBe(firstLists);
      expect(lists()).toBe(2 * firstLists);
      expect(mocks.arm.requestsFor(clusterId!)).toHaveLength(2);
      expect(mocks.arm.requestsFor(gatewayId!)).toHaveLength(1);
    } finally {
      source.endRefresh();
    }
  });

  it('leaves the Kubernetes checks unknown for an unconfigured cluster', async () => {
    const { source } = createAzureSource(demoAzureConfig(), {
      clusters: [],
      maxConcurrency: 8,
    });

    const resourceSet = await readEntity(source, demoComponent('checkout-api'));
    const assessment = evaluate(resourceSet);

    expect(resourceSet.kubernetesNamespaceRead).toBe(false);
    expect(checkOf(assessment, INGRESS_CHECK)).toMatchObject({
      verdict: 'unknown',
      reason: 'missing-resource',
    });
    expect(checkOf(assessment, DEFAULT_DENY_CHECK).verdict).toBe('unknown');
    expect(checkOf(assessment, GATEWAY_CHECK).verdict).toBe('pass');
    expect(kubernetes.api.requests).toEqual([]);
  });
});
