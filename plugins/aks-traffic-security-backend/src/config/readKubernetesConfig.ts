import { Config } from '@backstage/config';
import {
  armIdType,
  isArmResourceId,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

import { readWholeNumber } from './readWholeNumber';

const KUBERNETES_KEY = 'aksTrafficSecurity.kubernetes';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The namespaces searched for the ingress controller when none are
 * configured: Traefik's usual namespace, the AKS application routing
 * add-on's, and community ingress-nginx's, which the checks flag.
 */
export const DEFAULT_INGRESS_CONTROLLER_NAMESPACES = [
  'traefik',
  'app-routing-system',
  'ingress-nginx',
];

/** The authentication method for a cluster's Kubernetes API. */
export type KubernetesAuthProvider = 'serviceAccount' | 'azure';

/** One cluster whose Kubernetes API the source may read. */
export interface KubernetesClusterConfig {
  /** The config key of the entry, used in messages. */
  key: string;
  /** The ARM id of the AKS cluster, as the entities' annotation names it. */
  clusterId: string;
  /** The API server URL. */
  url: string;
  /** The API server's CA certificate bundle, base64-encoded PEM. */
  caData?: string;
  skipTLSVerify: boolean;
  authProvider: KubernetesAuthProvider;
  /** The bearer token of a read-only service account, for `serviceAccount`. */
  serviceAccountToken?: string;
  ingressControllerNamespaces: string[];
  /**
   * The reason the entry has no usable credentials, such as a missing
   * token. Such a cluster is treated like one that is not configured.
   */
  credentialProblem?: string;
}

/** The `aksTrafficSecurity.kubernetes` block with every default filled in. */
export interface KubernetesSourceConfig {
  clusters: KubernetesClusterConfig[];
  /** The maximum number of Kubernetes requests in flight at once, over all clusters. */
  maxConcurrency: number;
}

/** The default of `maxConcurrency`: each cluster has an API server of its own. */
export const KUBERNETES_MAX_CONCURRENCY = 32;

/**
 * Reads and validates `aksTrafficSecurity.kubernetes`. Throws an error
 * naming the key for a malformed cluster id, URL or namespace. A missing or
 * unknown credential only marks the cluster as unusable, so it cannot stop
 * the backend.
 */
export function readKubernetesConfig(config: Config): KubernetesSourceConfig {
  const kubernetes = config.getOptionalConfig(KUBERNETES_KEY);
  const defaultNamespaces = readNamespaces(
    kubernetes,
    `${KUBERNETES_KEY}.ingressControllerNamespaces`,
  );

  const clusters = (kubernetes?.getOptionalConfigArray('clusters') ?? []).map(
    (cluster, index) =>
      readCluster(
        cluster,
        `${KUBERNETES_KEY}.clusters[${index}]`,
        defaultNamespaces ?? DEFAULT_INGRESS_CONTROLLER_NAMESPACES,
      ),
  );
  const seen = new Set<string>();
  for (const cluster of clusters) {
    const id = cluster.clusterId.toLowerCase();
    if (seen.has(id)) {
      throw new Error(
        `Invalid config '${KUBERNETES_KEY}.clusters': cluster '${cluster.clusterId}' is listed twice`,
      );
    }
    seen.add(id);
  }
  return {
    clusters,
    maxConcurrency: readWholeNumber(
      kubernetes,
      KUBERNETES_KEY,
      'maxConcurrency',
      {
        min: 1,
        max: 256,
        defaultValue: KUBERNETES_MAX_CONCURRENCY,
      },
    ),
  };
}

function readCluster(
  cluster: Config,
  key: string,
  defaultNamespaces: string[],
): KubernetesClusterConfig {
  const clusterId = cluster.getString('clusterId').trim();
  if (
    !isArmResourceId(clusterId) ||
    armIdType(clusterId)?.toLowerCase() !==
      'microsoft.containerservice/managedclusters'
  ) {
    throw new Error(
      `Invalid config '${key}.clusterId' value '${clusterId}'; expected the ARM id of a Microsoft.ContainerService/managedClusters resource`,
    );
  }

  const url = readApiServerUrl(cluster.getString('url'), `${key}.url`);
  const authProvider =
    cluster.getOptionalString('authProvider') ?? 'serviceAccount';
  const serviceAccountToken = cluster
    .getOptionalString('serviceAccountToken')
    ?.trim();

  let credentialProblem: string | undefined;
  if (authProvider !== 'serviceAccount' && authProvider !== 'azure') {
    credentialProblem = `Invalid config '${key}.authProvider' value '${authProvider}'; expected serviceAccount or azure`;
  } else if (authProvider === 'serviceAccount' && !serviceAccountToken) {
    credentialProblem = `Missing config '${key}.serviceAccountToken'; the serviceAccount auth provider needs the token of a read-only service account`;
  }

  return {
    key,
    clusterId,
    url,
    caData: cluster.getOptionalString('caData')?.trim() || undefined,
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
    authProvider: authProvider as KubernetesAuthProvider,
    serviceAccountToken: serviceAccountToken || undefined,
    ingressControllerNamespaces:
      readNamespaces(cluster, `${key}.ingressControllerNamespaces`) ??
      defaultNamespaces,
    credentialProblem,
  };
}

/**
 * Accepts an https URL, or an http URL on a loopback host (such as
 * `kubectl proxy`), because a bearer token must not cross a network in
 * plain text.
 */
function readApiServerUrl(value: string, key: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  const allowed =
    url &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    (url.protocol === 'https:' ||
      (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));
  if (!url || !allowed) {
    throw new Error(
      `Invalid config '${key}' value '${value}'; expected the https URL of the API server, such as https://aks-prod-dns-1a2b3c4d.hcp.westeurope.azmk8s.io:443`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function readNamespaces(
  config: Config | undefined,
  key: string,
): string[] | undefined {
  const name = key.split('.').pop()!;
  const namespaces = config?.getOptionalStringArray(name);
  if (namespaces === undefined) {
    return undefined;
  }
  const invalid = namespaces.filter(namespace => !DNS_LABEL.test(namespace));
  if (invalid.length > 0) {
    throw new Error(
      `Invalid config '${key}' value(s) ${invalid
        .map(namespace => `'${namespace}'`)
        .join(
          ', ',
        )}; expected Kubernetes namespace names (lower-case DNS labels)`,
    );
  }
  return [...new Set(namespaces)];
}
