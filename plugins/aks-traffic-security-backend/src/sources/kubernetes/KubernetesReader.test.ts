import path from 'path';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { KubernetesResource } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { DEMO_SNAPSHOT_DIR } from '../../__testUtils__/armMock';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_CLUSTER_ID,
  DEMO_TENANT,
  createKubernetesReader,
  kubernetesCluster,
} from '../../__testUtils__/azureSourceHarness';
import { entraHandlers, TokenRequest } from '../../__testUtils__/entraMock';
import {
  FakeKubernetesApi,
  status,
} from '../../__testUtils__/kubernetesApiMock';
import { ReadSession } from '../reads/ReadSession';

const SCOPE = { clusterId: DEMO_CLUSTER_ID, namespace: 'checkout' };

describe('KubernetesReader', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let api: FakeKubernetesApi;
  let tokenRequests: TokenRequest[];
  beforeEach(async () => {
    api = await FakeKubernetesApi.start();
    api.addClusterDirectory(
      path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
    );
    tokenRequests = [];
    // The fake API server is a real loopback server, so msw lets it through.
    server.use(
      http.all(`${api.url}/*`, () => passthrough()),
      ...entraHandlers(
        [
          {
            tenantId: DEMO_TENANT,
            clientId: DEMO_CLIENT_ID,
            clientSecret: DEMO_CLIENT_SECRET,
          },
        ],
        tokenRequests,
      ),
    );
  });
  afterEach(() => api.close());

  function names(resources: KubernetesResource[]) {
    return resources
      .map(
        resource =>
          `${resource.objectKind} ${resource.namespace ?? '-'}/${
            resource.name
          }`,
      )
      .sort();
  }

  it('lists the service and controller namespaces', async () => {
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.namespaceRead).toBe(true);
    expect(names(collection.resources)).toEqual(
      expect.arrayContaining([
        'Ingress checkout/checkout-api',
        'Service checkout/checkout-api',
        'Deployment checkout/checkout-api',
        'NetworkPolicy checkout/default-deny-all',
        'Namespace -/checkout',
        'Namespace -/traefik',
        'Deployment traefik/traefik-ingress-controller',
        'ConfigMap traefik/traefik-ingress-config',
        'SecretProviderClass traefik/aks-ingress-tls-secret-csi-akv',
        'IngressClass -/traefik-internal',
      ]),
    );
    expect(
      names(collection.resources).filter(name =>
        name.includes('store-terminals'),
      ),
    ).toEqual([]);
    expect(collection.failures).toEqual([
      expect.objectContaining({
        target: 'kubernetes:Secret',
        reason: 'not-read',
      }),
    ]);
  });

  it('lists every workload kind', async () => {
    const template = (name: string) => ({
      spec: { containers: [{ name, image: name }] },
    });
    const workload = (
      apiVersion: string,
      kind: string,
      name: string,
      spec: object,
    ) => ({
      apiVersion,
      kind,
      metadata: { name, namespace: 'checkout' },
      spec,
    });
    api.add(
      workload('apps/v1', 'StatefulSet', 'checkout-db', {
        template: template('db'),
      }),
    );
    api.add(
      workload('apps/v1', 'DaemonSet', 'checkout-agent', {
        template: template('agent'),
      }),
    );
    api.add(
      workload('batch/v1', 'Job', 'checkout-migrate', {
        template: template('migrate'),
      }),
    );
    api.add(
      workload('batch/v1', 'CronJob', 'checkout-report', {
        schedule: '0 3 * * *',
        jobTemplate: { spec: { template: template('report') } },
      }),
    );
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(names(collection.resources)).toEqual(
      expect.arrayContaining([
        'StatefulSet checkout/checkout-db',
        'DaemonSet checkout/checkout-agent',
        'Job checkout/checkout-migrate',
        'CronJob checkout/checkout-report',
      ]),
    );
    expect(api.requests.map(request => request.path)).toEqual(
      expect.arrayContaining([
        '/apis/batch/v1/jobs',
        '/apis/batch/v1/cronjobs',
      ]),
    );
  });

  describe('Pods', () => {
    const METADATA_ONLY =
      'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

    function pod(
      name: string,
      options: {
        namespace?: string;
        controller?: { apiVersion: string; kind: string; name: string };
        hash?: string;
        labels?: Record<string, string>;
      } = {},
    ) {
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: options.namespace ?? 'checkout',
          labels: {
            app: name,
            ...options.labels,
            ...(options.hash ? { 'pod-template-hash': options.hash } : {}),
          },
          ...(options.controller
            ? {
                ownerReferences: [
                  {
                    ...options.controller,
                    uid: `${name}-owner`,
                    controller: true,
                    blockOwnerDeletion: true,
                  },
                ],
              }
            : {}),
        },
        spec: { containers: [{ name, image: `${name}:1.0` }] },
      };
    }

    // The demo snapshot's checkout namespace has the Deployment checkout-api,
    // rolled out to all its replicas.
    const deploymentPod = pod('checkout-api-6d8f7b9c4d-x2x7k', {
      controller: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'checkout-api-6d8f7b9c4d',
      },
      hash: '6d8f7b9c4d',
      labels: { 'app.kubernetes.io/name': 'checkout-api' },
    });

    function podLists() {
      return api.requests
        .filter(request => request.path.endsWith('/pods'))
        .map(request => `${request.path} ${request.accept}`);
    }

    it('reads only the metadata of controlled Pods', async () => {
      api.add(deploymentPod);
      const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

      const collection = await reader.read(SCOPE, new ReadSession());

      expect(
        collection.resources.filter(
          resource =>
            resource.objectKind === 'Pod' ||
            resource.objectKind === 'PartialObjectMetadata',
        ),
      ).toEqual([]);
      expect(podLists()).toEqual([`/api/v1/pods ${METADATA_ONLY}`]);
    });

    it('lists uncontrolled Pods whole', async () => {
      api.add(deploymentPod);
      api.add(pod('checkout-debug'));
      api.add(pod('store-debug', { namespace: 'store-terminals' }));
      api.add(
        pod('checkout-cache-0', {
          controller: {
            apiVersion: 'apps.kruise.io/v1beta1',
            kind: 'StatefulSet',
            name: 'checkout-cache',
          },
        }),
      );
      // Argo Rollouts names its ReplicaSets as a Deployment would.
      api.add(
        pod('checkout-canary-5f7c9d8b6-q9d2m', {
          controller: {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'checkout-canary-5f7c9d8b6',
          },
          hash: '5f7c9d8b6',
        }),
      );
      const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

      const collection = await reader.read(SCOPE, new ReadSession());

      expect(
        names(collection.resources).filter(name => name.startsWith('Pod ')),
      ).toEqual([
        'Pod checkout/checkout-cache-0',
        'Pod checkout/checkout-canary-5f7c9d8b6-q9d2m',
        'Pod checkout/checkout-debug',
      ]);
      const debug = collection.resources.find(
        resource => resource.name === 'checkout-debug',
      );
      expect(debug?.body.spec).toEqual({
        containers: [{ name: 'checkout-debug', image: 'checkout-debug:1.0' }],
      });
      expect(podLists()).toEqual([
        `/api/v1/pods ${METADATA_ONLY}`,
        '/api/v1/namespaces/checkout/pods application/json',
      ]);
    });

    it('lists the Pods of an unfinished rollout whole', async () => {
      api.add({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'checkout-worker',
          namespace: 'checkout',
          generation: 2,
        },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'checkout-worker' } },
          template: {
            metadata: { labels: { app: 'checkout-worker' } },
            spec: { containers: [{ name: 'worker', image: 'worker:2.0' }] },
          },
        },
        status: { observedGeneration: 2, replicas: 2, updatedReplicas: 1 },
      });
      api.add(
        pod('checkout-worker-5c4b3a2d1-k8s7d', {
          controller: {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'checkout-worker-5c4b3a2d1',
          },
          hash: '5c4b3a2d1',
          labels: { app: 'checkout-worker' },
        }),
      );
      api.add(deploymentPod);
      const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

      const collection = await reader.read(SCOPE, new ReadSession());

      expect(
        names(collection.resources).filter(name => name.startsWith('Pod ')),
      ).toEqual(['Pod checkout/checkout-worker-5c4b3a2d1-k8s7d']);
    });

    it('treats Pods of failed kinds as uncontrolled', async () => {
      api.add(deploymentPod);
      api.override(request =>
        request.path.endsWith('/deployments')
          ? { status: 403, body: status(403, 'Forbidden', 'forbidden') }
          : undefined,
      );
      const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

      const collection = await reader.read(SCOPE, new ReadSession());

      expect(
        names(collection.resources).filter(name => name.startsWith('Pod ')),
      ).toEqual(['Pod checkout/checkout-api-6d8f7b9c4d-x2x7k']);
      expect(collection.failures.map(failure => failure.target)).toContain(
        'kubernetes:Deployment',
      );
    });

    it('lists Pods per namespace when forbidden', async () => {
      api.add(deploymentPod);
      api.add(pod('checkout-debug'));
      api.forbidClusterWideLists();
      const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

      const collection = await reader.read(SCOPE, new ReadSession());

      expect(
        names(collection.resources).filter(name => name.startsWith('Pod ')),
      ).toEqual(['Pod checkout/checkout-debug']);
      expect(collection.failures.map(failure => failure.target)).not.toContain(
        'kubernetes:Pod',
      );
      expect(podLists()).toEqual([
        `/api/v1/pods ${METADATA_ONLY}`,
        '/api/v1/namespaces/checkout/pods application/json',
      ]);
    });

    it('rejects metadata where whole Pods were requested', async () => {
      api.add(pod('checkout-debug'));
      api.override(request =>
        request.path === '/api/v1/namespaces/checkout/pods'
          ? {
              status: 200,
              body: {
                kind: 'PartialObjectMetadataList',
                apiVersion: 'meta.k8s.io/v1',
                metadata: { resourceVersion: '48213' },
                items: [
                  {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: { name: 'checkout-debug', namespace: 'checkout' },
                  },
                ],
              },
            }
          : undefined,
      );
      const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

      const collection = await reader.read(SCOPE, new ReadSession());

      expect(
        collection.resources.filter(
          resource => resource.objectKind === 'PartialObjectMetadata',
        ),
      ).toEqual([]);
      expect(
        collection.failures.find(
          failure => failure.target === 'kubernetes:Pod',
        ),
      ).toMatchObject({
        reason: 'invalid-response',
        message: expect.stringContaining('metadata of the objects only'),
      });
    });

    it('reports a failed Pod list', async () => {
      api.override(request =>
        request.path.endsWith('/pods')
          ? {
              status: 403,
              body: status(
                403,
                'Forbidden',
                'pods is forbidden: User "system:serviceaccount:aks-traffic-security:reader" cannot list resource "pods" in API group "" in the namespace "checkout"',
              ),
            }
          : undefined,
      );
      const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

      const collection = await reader.read(SCOPE, new ReadSession());

      expect(
        collection.failures.find(
          failure => failure.target === 'kubernetes:Pod',
        ),
      ).toMatchObject({
        reason: 'forbidden',
        message: expect.stringContaining(
          'GET /api/v1/namespaces/checkout/pods',
        ),
      });
    });
  });

  it('lists the Traefik IngressRoutes of the service namespace', async () => {
    api.installed.add('traefik.io/v1alpha1');
    api.add({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'checkout-route', namespace: 'checkout' },
      spec: { entryPoints: ['web'], routes: [] },
    });
    api.add({
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRouteTCP',
      metadata: { name: 'checkout-tcp', namespace: 'checkout' },
      spec: { entryPoints: ['websecure'], routes: [], tls: {} },
    });
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(names(collection.resources)).toEqual(
      expect.arrayContaining([
        'IngressRoute checkout/checkout-route',
        'IngressRouteTCP checkout/checkout-tcp',
      ]),
    );
    expect(collection.failures.map(failure => failure.target)).toEqual([
      'kubernetes:Secret',
    ]);
  });

  it('lists the TLSOptions of the service and controller namespaces', async () => {
    api.installed.add('traefik.io/v1alpha1');
    api.installed.add('traefik.containo.us/v1alpha1');
    const tlsOption = (group: string, namespace: string, name: string) => ({
      apiVersion: `${group}/v1alpha1`,
      kind: 'TLSOption',
      metadata: { name, namespace },
      spec: { minVersion: 'VersionTLS12', sniStrict: true },
    });
    api.add(tlsOption('traefik.io', 'checkout', 'checkout-tls'));
    api.add(tlsOption('traefik.containo.us', 'checkout', 'checkout-legacy'));
    api.add(tlsOption('traefik.io', 'traefik', 'strict'));
    api.add(tlsOption('traefik.io', 'store-terminals', 'terminals-tls'));
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(
      names(collection.resources).filter(name => name.startsWith('TLSOption')),
    ).toEqual([
      'TLSOption checkout/checkout-legacy',
      'TLSOption checkout/checkout-tls',
      'TLSOption traefik/strict',
    ]);
    expect(collection.failures).not.toContainEqual(
      expect.objectContaining({ target: 'kubernetes:TLSOption' }),
    );
  });

  it('drops managed fields from listed objects', async () => {
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);
    const served = await fetch(`${api.url}/apis/apps/v1/deployments`, {
      headers: { Authorization: `Bearer ${api.token}` },
    }).then(response => response.json());

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(served.items[0].metadata.managedFields.length).toBeGreaterThan(0);
    const deployment = collection.resources.find(
      resource => resource.objectKind === 'Deployment',
    );
    expect(deployment?.body.metadata).toEqual(
      expect.objectContaining({ name: 'checkout-api', namespace: 'checkout' }),
    );
    expect(
      collection.resources.filter(
        resource => 'managedFields' in (resource.body.metadata as object),
      ),
    ).toEqual([]);
  });

  it('sends only authenticated list requests and never lists Secrets', async () => {
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    await reader.read(SCOPE, new ReadSession());

    const lists = api.requests.filter(request => request.path !== '/apis');
    expect(lists.length).toBeGreaterThan(5);
    for (const request of api.requests) {
      expect(request.method).toBe('GET');
      expect(request.authorization).toBe('Bearer kubernetes-reader-token');
    }
    for (const request of lists) {
      expect(request.query.limit).toBe('500');
    }
    expect(
      api.requests.filter(request => request.path.endsWith('/secrets')),
    ).toEqual([]);
  });

  it('follows continue tokens', async () => {
    for (let index = 0; index < 501; index += 1) {
      api.add({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `generated-${index}`, namespace: 'traefik' },
        data: {},
      });
    }
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    const configMaps = collection.resources.filter(
      resource => resource.objectKind === 'ConfigMap',
    );
    expect(configMaps).toHaveLength(502);
    expect(
      api.requests
        .filter(
          request => request.path === '/api/v1/namespaces/traefik/configmaps',
        )
        .map(request => request.query.continue),
    ).toEqual([undefined, '500']);
  });

  it('does not list a custom kind the API server does not serve', async () => {
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.failures.map(failure => failure.target)).toEqual([
      'kubernetes:Secret',
    ]);
    expect(
      api.requests.filter(request =>
        request.path.includes('/gateway.networking.k8s.io/'),
      ),
    ).toEqual([]);
    expect(
      api.requests.filter(request => request.path === '/apis'),
    ).toHaveLength(1);
  });

  it('treats a 404 for a custom kind as not installed without discovery', async () => {
    api.override(request =>
      request.path === '/apis'
        ? { status: 404, body: status(404, 'NotFound', 'not found') }
        : undefined,
    );
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.failures.map(failure => failure.target)).toEqual([
      'kubernetes:Secret',
    ]);
    expect(
      api.requests
        .filter(request => request.path.includes('/gateway.networking.k8s.io/'))
        .map(request => request.path),
    ).toEqual(
      expect.arrayContaining([
        '/apis/gateway.networking.k8s.io/v1/gateways',
        '/apis/gateway.networking.k8s.io/v1beta1/gateways',
      ]),
    );
  });

  it('does not retry a failed discovery', async () => {
    api.override(request =>
      request.path === '/apis'
        ? { status: 500, body: status(500, 'InternalError', 'etcd timeout') }
        : undefined,
    );
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.namespaceRead).toBe(true);
    expect(
      api.requests.filter(request => request.path === '/apis'),
    ).toHaveLength(1);
    expect(
      api.requests.filter(request =>
        request.path.startsWith('/apis/gateway.networking.k8s.io/v1beta1/'),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('lists a namespaced kind once for the whole cluster', async () => {
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);
    const session = new ReadSession();

    const [checkout, profile] = await Promise.all([
      reader.read(SCOPE, session),
      reader.read({ ...SCOPE, namespace: 'customer-profile' }, session),
    ]);

    const ingresses = (collection: typeof checkout) =>
      names(collection.resources).filter(name => name.startsWith('Ingress '));
    expect(ingresses(checkout)).toEqual(['Ingress checkout/checkout-api']);
    expect(ingresses(profile)).toEqual([
      'Ingress customer-profile/customer-profile',
    ]);
    expect(
      api.requests
        .filter(request => request.path.endsWith('/ingresses'))
        .map(request => request.path),
    ).toEqual(['/apis/networking.k8s.io/v1/ingresses']);
  });

  it('lists the namespace alone when the cluster-wide list is forbidden', async () => {
    api.override(request =>
      request.path === '/apis/networking.k8s.io/v1/ingresses'
        ? {
            status: 403,
            body: status(
              403,
              'Forbidden',
              'ingresses.networking.k8s.io is forbidden: User "system:serviceaccount:aks-traffic-security:reader" cannot list resource "ingresses" in API group "networking.k8s.io" at the cluster scope',
            ),
          }
        : undefined,
    );
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(
      names(collection.resources).filter(name => name.startsWith('Ingress ')),
    ).toEqual(['Ingress checkout/checkout-api']);
    expect(collection.failures.map(failure => failure.target)).not.toContain(
      'kubernetes:Ingress',
    );
    expect(
      api.requests
        .map(request => request.path)
        .filter(p => p.endsWith('/ingresses')),
    ).toEqual([
      '/apis/networking.k8s.io/v1/ingresses',
      '/apis/networking.k8s.io/v1/namespaces/checkout/ingresses',
    ]);
  });

  it('falls back to an older version of a custom kind', async () => {
    api.installed.add('gateway.networking.k8s.io/v1beta1');
    api.add({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'HTTPRoute',
      metadata: { name: 'checkout-api', namespace: 'checkout' },
      spec: { hostnames: ['checkout.aks-ingress.contoso.com'] },
    });
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);

    const collection = await reader.read(SCOPE, new ReadSession());

    const route = collection.resources.find(
      resource => resource.objectKind === 'HTTPRoute',
    );
    expect(route?.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
  });

  it('reports a 403 for one kind as that kind failing', async () => {
    api.override(request =>
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
    const { reader, logger } = createKubernetesReader([
      kubernetesCluster(api.url),
    ]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.namespaceRead).toBe(true);
    const failure = collection.failures.find(
      item => item.target === 'kubernetes:Ingress',
    );
    expect(failure?.reason).toBe('forbidden');
    expect(failure?.message).toContain(
      'returned 403 for GET /apis/networking.k8s.io/v1/namespaces/checkout/ingresses',
    );
    expect(failure?.message).toContain('cannot list resource "ingresses"');
    expect(
      collection.resources.some(resource => resource.objectKind === 'Service'),
    ).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(
      'Failed to list Ingress objects',
      expect.objectContaining({ reason: 'forbidden', namespace: 'checkout' }),
    );
  });

  it('reports a rejected token as a credential failure', async () => {
    const { reader } = createKubernetesReader([
      kubernetesCluster(api.url, {
        serviceAccountToken: 'expired-reader-token',
      }),
    ]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.resources).toEqual([]);
    const failure = collection.failures.find(
      item => item.target === 'kubernetes:Deployment',
    );
    expect(failure?.reason).toBe('credential-failed');
    expect(failure?.message).toContain('returned 401');
    expect(JSON.stringify(collection)).not.toContain('expired-reader-token');
  });

  it('reads nothing for a cluster without credentials', async () => {
    const { reader } = createKubernetesReader([
      kubernetesCluster(api.url, {
        serviceAccountToken: undefined,
        credentialProblem:
          "Missing config 'aksTrafficSecurity.kubernetes.clusters[0].serviceAccountToken'",
      }),
    ]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection).toEqual({
      resources: [],
      failures: [],
      namespaceRead: false,
    });
    expect(api.requests).toEqual([]);
  });

  it('reads nothing for a cluster that is not configured', async () => {
    const { reader } = createKubernetesReader([]);

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.namespaceRead).toBe(false);
    expect(api.requests).toEqual([]);
  });

  it('lists with an Entra ID token for the AKS server application', async () => {
    const { reader } = createKubernetesReader([
      kubernetesCluster(api.url, {
        authProvider: 'azure',
        serviceAccountToken: undefined,
      }),
    ]);
    api.token = `access-token-${DEMO_TENANT}-${DEMO_CLIENT_ID}-1`;

    const collection = await reader.read(SCOPE, new ReadSession());

    expect(collection.failures.map(failure => failure.target)).toEqual([
      'kubernetes:Secret',
    ]);
    expect(tokenRequests).toEqual([
      {
        tenantId: DEMO_TENANT,
        clientId: DEMO_CLIENT_ID,
        scope: '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
      },
    ]);
    expect(
      collection.resources.some(resource => resource.objectKind === 'Ingress'),
    ).toBe(true);
  });

  it('reads each list once per session', async () => {
    const { reader } = createKubernetesReader([kubernetesCluster(api.url)]);
    const session = new ReadSession();

    await reader.read(SCOPE, session);
    const count = api.requests.length;
    await reader.read({ ...SCOPE, namespace: 'store-terminals' }, session);

    const controllerRequests = api.requests
      .slice(count)
      .filter(request => request.path.includes('/namespaces/traefik/'));
    expect(controllerRequests).toEqual([]);
  });
});
