import path from 'path';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  Assessment,
  evaluate,
  ResourceSet,
  scopeFromAnnotations,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AzureSourceConfig } from '../config/readAzureConfig';
import {
  KubernetesClusterConfig,
  KubernetesSourceConfig,
} from '../config/readKubernetesConfig';
import { AzureCredentials } from '../sources/azure/AzureCredentials';
import { AzureResourceSource } from '../sources/azure/AzureResourceSource';
import { KubernetesReader } from '../sources/kubernetes/KubernetesReader';
import { ConcurrencyLimiter } from '../sources/reads/ConcurrencyLimiter';
import { DEMO_SNAPSHOT_DIR, FakeArm, MOCK_ARM_ENDPOINT } from './armMock';
import { entraHandlers, MOCK_AUTHORITY_HOST, TokenRequest } from './entraMock';
import { FakeKubernetesApi } from './kubernetesApiMock';

/** The Entra ID tenant of the demo subscriptions. */
export const DEMO_TENANT = '8b1f3c2a-6d4e-4f7a-9c0b-2e5d1a7f3b64';
/** The spoke subscription: clusters, gateways, the spoke network and the vault. */
export const SPOKE_SUBSCRIPTION = '3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34';
/** The hub subscription: the firewall and its policy. */
export const HUB_SUBSCRIPTION = '5b2d8e41-93c7-4f0a-b6e2-1c9d4a7f3e85';
export const DEMO_CLIENT_ID = 'e2c9a4b7-1d3f-4a6e-8b5c-0f7d2e9a1c34';
export const DEMO_CLIENT_SECRET = 'Qx8~demo-client-secret-value';

/** Source settings against the mock Entra ID and the fake ARM, with short waits. */
export function demoAzureConfig(
  overrides: Partial<AzureSourceConfig> = {},
): AzureSourceConfig {
  return {
    cloud: {
      name: 'custom',
      authorityHost: MOCK_AUTHORITY_HOST,
      resourceManagerEndpoint: MOCK_ARM_ENDPOINT,
    },
    credential: {
      key: 'aksTrafficSecurity.azure.credential',
      type: 'clientSecret',
      tenantId: DEMO_TENANT,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    },
    subscriptions: [{ id: SPOKE_SUBSCRIPTION }, { id: HUB_SUBSCRIPTION }],
    maxConcurrency: 8,
    maxRetries: 2,
    retryDelayMs: 20,
    readTimeoutMs: 5000,
    ...overrides,
  };
}

/**
 * Sets up msw with the mock Entra ID and a fake ARM that serves the demo
 * snapshot's Azure resources, fresh for each test.
 */
export function useAzureMocks() {
  const server = setupServer();
  registerMswTestHooks(server);

  const mocks = {
    server,
    arm: new FakeArm(),
    tokenRequests: [] as TokenRequest[],
  };
  beforeEach(() => {
    mocks.arm = new FakeArm().addDirectory(
      path.join(DEMO_SNAPSHOT_DIR, 'azure'),
    );
    mocks.tokenRequests = [];
    server.use(
      ...entraHandlers(
        [
          {
            tenantId: DEMO_TENANT,
            clientId: DEMO_CLIENT_ID,
            clientSecret: DEMO_CLIENT_SECRET,
          },
        ],
        mocks.tokenRequests,
      ),
      ...mocks.arm.handlers(),
    );
  });
  return mocks;
}

/** The demo's production cluster, whose namespaces the demo snapshot holds. */
export const DEMO_CLUSTER_ID = `/subscriptions/${SPOKE_SUBSCRIPTION}/resourceGroups/rg-contoso-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod-01`;

/** A cluster entry for a fake API server, read with a service account token. */
export function kubernetesCluster(
  url: string,
  overrides: Partial<KubernetesClusterConfig> = {},
): KubernetesClusterConfig {
  return {
    key: 'aksTrafficSecurity.kubernetes.clusters[0]',
    clusterId: DEMO_CLUSTER_ID,
    url,
    skipTLSVerify: false,
    authProvider: 'serviceAccount',
    serviceAccountToken: 'kubernetes-reader-token',
    ingressControllerNamespaces: ['traefik'],
    ...overrides,
  };
}

/** Creates the Azure source with a mock logger. */
export function createAzureSource(
  config: AzureSourceConfig = demoAzureConfig(),
  kubernetes?: KubernetesSourceConfig,
) {
  const logger = mockServices.logger.mock();
  return {
    source: new AzureResourceSource({ config, kubernetes, logger }),
    logger,
  };
}

/**
 * Starts a fake Kubernetes API with the demo cluster's objects before each
 * test and closes it after. `createSource` builds an Azure source that reads
 * the demo's Azure resources and that API.
 */
export function useDemoKubernetesApi(mocks: ReturnType<typeof useAzureMocks>) {
  let api: FakeKubernetesApi | undefined;
  beforeEach(async () => {
    api = await FakeKubernetesApi.start();
    api.addClusterDirectory(
      path.join(DEMO_SNAPSHOT_DIR, 'kubernetes/aks-contoso-prod-01'),
    );
    mocks.server.use(http.all(`${api.url}/*`, () => passthrough()));
  });
  afterEach(() => api?.close());

  return {
    get api(): FakeKubernetesApi {
      return api!;
    },
    createSource() {
      return createAzureSource(demoAzureConfig(), {
        clusters: [kubernetesCluster(api!.url)],
        maxConcurrency: 8,
      }).source;
    },
  };
}

/** Creates a Kubernetes reader of some clusters, with a mock logger and short waits. */
export function createKubernetesReader(clusters: KubernetesClusterConfig[]) {
  const logger = mockServices.logger.mock();
  const reader = new KubernetesReader({
    config: { clusters, maxConcurrency: 8 },
    credentials: new AzureCredentials({ config: demoAzureConfig(), logger }),
    policy: {
      limiter: new ConcurrencyLimiter(8),
      maxRetries: 1,
      retryDelayMs: 10,
      readTimeoutMs: 5000,
    },
    logger,
  });
  return { reader, logger };
}

/** Reads an entity's resource set with its annotated scope. */
export function readEntity(
  source: AzureResourceSource,
  entity: Entity,
): Promise<ResourceSet> {
  return source.readResourceSet(entity, scopeFromAnnotations(entity).scope);
}

/** Returns the verdict and reason of one check of an assessment. */
export function checkOf(assessment: Assessment, checkId: string) {
  const check = assessment.checks.find(
    candidate => candidate.checkId === checkId,
  );
  if (!check) {
    throw new Error(`The assessment has no check '${checkId}'`);
  }
  return check;
}

export { evaluate };
