import fs from 'fs';
import path from 'path';
import { Entity } from '@backstage/catalog-model';
import { ANNOTATIONS } from '@aks-traffic-security/plugin-aks-traffic-security-common';

const FIXTURES_DIR = path.resolve(__dirname, '../../../../fixtures');

/** Returns the text of a file under the repository's `fixtures` folder. */
export function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8');
}

/**
 * Returns the resource body of an ARM API example (`responses["200"].body`),
 * which has the shape `az ... show -o json` prints.
 */
export function armExampleBody(relativePath: string): Record<string, any> {
  return JSON.parse(fixtureText(relativePath)).responses['200'].body;
}

const CLUSTER_ID_PREFIX =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters';

/** Returns the ARM id of an AKS cluster of the test subscription. */
export function clusterId(name: string): string {
  return `${CLUSTER_ID_PREFIX}/${name}`;
}

/** The ARM id of an Application Gateway of the test subscription. */
export const GATEWAY_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/applicationGateways/appgw';

/**
 * Returns the API example's public managed cluster (no authorized IP ranges),
 * renamed, as `az aks show` prints it.
 */
export function publicClusterJson(name: string): string {
  const body = armExampleBody(
    'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
  );
  return JSON.stringify({ ...body, name, id: clusterId(name) }, null, 2);
}

/** Returns the API example's private managed cluster, renamed. */
export function privateClusterJson(name: string): string {
  const body = armExampleBody(
    'arm-specs-aks-2025-10-01/ManagedClustersCreate_PrivateClusterPublicFQDN.json',
  );
  return JSON.stringify({ ...body, name, id: clusterId(name) }, null, 2);
}

/** Builds a catalog component that names its cluster, gateway and namespace. */
export function annotatedComponent(
  name: string,
  options: {
    cluster: string;
    namespace?: string;
    owner?: string;
    system?: string;
    annotations?: Record<string, string>;
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATIONS.clusterId]: clusterId(options.cluster),
        [ANNOTATIONS.gatewayId]: GATEWAY_ID,
        [ANNOTATIONS.kubernetesNamespace]: options.namespace ?? 'a0008',
        ...options.annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'team-a',
      system: options.system ?? 'payments',
    },
  };
}
