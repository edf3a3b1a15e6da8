import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_INGRESS_CONTROLLER_NAMESPACES,
  readKubernetesConfig,
} from './readKubernetesConfig';

const CLUSTER_ID =
  '/subscriptions/3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34/resourceGroups/rg-contoso-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-contoso-prod-01';
const URL = 'https://aks-contoso-prod-01-463e80f2.hcp.westeurope.azmk8s.io:443';

function configWith(kubernetes: Record<string, any>) {
  return new ConfigReader({ aksTrafficSecurity: { kubernetes } });
}

describe('readKubernetesConfig', () => {
  it('reads no clusters by default', () => {
    expect(readKubernetesConfig(new ConfigReader({}))).toEqual({
      clusters: [],
      maxConcurrency: 32,
    });
  });

  it('reads the request limit', () => {
    expect(
      readKubernetesConfig(configWith({ maxConcurrency: 64 })).maxConcurrency,
    ).toBe(64);
  });

  it('rejects a request limit out of range', () => {
    expect(() =>
      readKubernetesConfig(configWith({ maxConcurrency: 0 })),
    ).toThrow(
      "Invalid config 'aksTrafficSecurity.kubernetes.maxConcurrency' value '0'; expected a whole number from 1 to 256",
    );
  });

  it('reads a service account cluster', () => {
    const config = readKubernetesConfig(
      configWith({
        clusters: [
          {
            clusterId: CLUSTER_ID,
            url: `${URL}/`,
            caData: 'LS0tLS1CRUdJTi...',
            serviceAccountToken: 'reader-token',
          },
        ],
      }),
    );

    expect(config.clusters).toEqual([
      {
        key: 'aksTrafficSecurity.kubernetes.clusters[0]',
        clusterId: CLUSTER_ID,
        url: 'https://aks-contoso-prod-01-463e80f2.hcp.westeurope.azmk8s.io',
        caData: 'LS0tLS1CRUdJTi...',
        skipTLSVerify: false,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'reader-token',
        ingressControllerNamespaces: DEFAULT_INGRESS_CONTROLLER_NAMESPACES,
        credentialProblem: undefined,
      },
    ]);
  });

  it('reads an azure cluster with its own controller namespaces', () => {
    const config = readKubernetesConfig(
      configWith({
        ingressControllerNamespaces: ['traefik'],
        clusters: [
          {
            clusterId: CLUSTER_ID,
            url: 'http://127.0.0.1:8001',
            authProvider: 'azure',
            ingressControllerNamespaces: ['a0008', 'a0008'],
          },
        ],
      }),
    );

    expect(config.clusters[0]).toMatchObject({
      url: 'http://127.0.0.1:8001',
      authProvider: 'azure',
      ingressControllerNamespaces: ['a0008'],
      credentialProblem: undefined,
    });
  });

  it.each([
    [
      {},
      "Missing config 'aksTrafficSecurity.kubernetes.clusters[0].serviceAccountToken'",
    ],
    [
      { authProvider: 'oidc' },
      "Invalid config 'aksTrafficSecurity.kubernetes.clusters[0].authProvider' value 'oidc'; expected serviceAccount or azure",
    ],
  ])('marks %j as having no usable credentials', (auth, problem) => {
    const config = readKubernetesConfig(
      configWith({ clusters: [{ clusterId: CLUSTER_ID, url: URL, ...auth }] }),
    );

    expect(config.clusters[0].credentialProblem).toContain(problem);
  });

  it.each([
    [
      { clusters: [{ clusterId: 'aks-prod', url: URL }] },
      "Invalid config 'aksTrafficSecurity.kubernetes.clusters[0].clusterId' value 'aks-prod'; expected the ARM id of a Microsoft.ContainerService/managedClusters resource",
    ],
    [
      {
        clusters: [
          { clusterId: CLUSTER_ID, url: 'http://aks-prod.example.com' },
        ],
      },
      "Invalid config 'aksTrafficSecurity.kubernetes.clusters[0].url' value 'http://aks-prod.example.com'; expected the https URL of the API server",
    ],
    [
      {
        clusters: [
          { clusterId: CLUSTER_ID, url: URL },
          { clusterId: CLUSTER_ID, url: URL },
        ],
      },
      'is listed twice',
    ],
    [
      { ingressControllerNamespaces: ['Traefik'] },
      "Invalid config 'aksTrafficSecurity.kubernetes.ingressControllerNamespaces' value(s) 'Traefik'",
    ],
  ])('rejects %j', (kubernetes, message) => {
    expect(() => readKubernetesConfig(configWith(kubernetes))).toThrow(message);
  });
});
