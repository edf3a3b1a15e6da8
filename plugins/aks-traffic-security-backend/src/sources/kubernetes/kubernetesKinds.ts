/** The API coordinates of one Kubernetes kind, for list requests. */
export interface KindSpec {
  kind: string;
  /** The API group, empty for the core group. */
  group: string;
  /** The versions to try, preferred first; a later one is tried when the API server does not serve an earlier one. */
  versions: string[];
  plural: string;
  namespaced: boolean;
  /**
   * True for kinds that a CustomResourceDefinition adds. A 404 for such a
   * kind means it is not installed, so the list is empty.
   */
  custom: boolean;
}

function kind(
  kindName: string,
  group: string,
  versions: string[],
  plural: string,
  options: { namespaced?: boolean; custom?: boolean } = {},
): KindSpec {
  return {
    kind: kindName,
    group,
    versions,
    plural,
    namespaced: options.namespaced ?? true,
    custom: options.custom ?? false,
  };
}

const INGRESS = kind('Ingress', 'networking.k8s.io', ['v1'], 'ingresses');
const SERVICE = kind('Service', '', ['v1'], 'services');
const DEPLOYMENT = kind('Deployment', 'apps', ['v1'], 'deployments');
const STATEFUL_SET = kind('StatefulSet', 'apps', ['v1'], 'statefulsets');
const DAEMON_SET = kind('DaemonSet', 'apps', ['v1'], 'daemonsets');
const JOB = kind('Job', 'batch', ['v1'], 'jobs');
const CRON_JOB = kind('CronJob', 'batch', ['v1'], 'cronjobs');
/**
 * The workload kinds that control Pods directly or, for a Deployment,
 * through a ReplicaSet. A Pod that one of them controls is judged through
 * the workload's pod template.
 */
export const POD_CONTROLLER_KINDS: readonly KindSpec[] = [
  DEPLOYMENT,
  STATEFUL_SET,
  DAEMON_SET,
  JOB,
];
const CONFIG_MAP = kind('ConfigMap', '', ['v1'], 'configmaps');
const NETWORK_POLICY = kind(
  'NetworkPolicy',
  'networking.k8s.io',
  ['v1'],
  'networkpolicies',
);
const SECRET_PROVIDER_CLASS = kind(
  'SecretProviderClass',
  'secrets-store.csi.x-k8s.io',
  ['v1', 'v1alpha1'],
  'secretproviderclasses',
  { custom: true },
);
const GATEWAY = kind(
  'Gateway',
  'gateway.networking.k8s.io',
  ['v1', 'v1beta1'],
  'gateways',
  { custom: true },
);
const HTTP_ROUTE = kind(
  'HTTPRoute',
  'gateway.networking.k8s.io',
  ['v1', 'v1beta1'],
  'httproutes',
  { custom: true },
);
// GRPCRoute is v1 since Gateway API v1.1. Experimental channels before v1.2
// served it as v1alpha2.
const GRPC_ROUTE = kind(
  'GRPCRoute',
  'gateway.networking.k8s.io',
  ['v1', 'v1alpha2'],
  'grpcroutes',
  { custom: true },
);
// Traefik v3 deprecates v1alpha1 for v1 but still serves it. v1alpha1 comes
// first because the checks read TLSOption objects of v1alpha1.
// NOTE: A TLSOption read only as traefik.io/v1 is not judged by the checks.
const TLS_OPTION_TRAEFIK_IO = kind(
  'TLSOption',
  'traefik.io',
  ['v1alpha1', 'v1'],
  'tlsoptions',
  { custom: true },
);
// Traefik v2 releases before traefik.io served their CRDs under this group.
const TLS_OPTION_TRAEFIK_CONTAINOUS = kind(
  'TLSOption',
  'traefik.containo.us',
  ['v1alpha1'],
  'tlsoptions',
  { custom: true },
);

// Traefik's CRD provider routes; the checks judge whether each has TLS.
const INGRESS_ROUTE_TRAEFIK_IO = kind(
  'IngressRoute',
  'traefik.io',
  ['v1alpha1', 'v1'],
  'ingressroutes',
  { custom: true },
);
const INGRESS_ROUTE_TRAEFIK_CONTAINOUS = kind(
  'IngressRoute',
  'traefik.containo.us',
  ['v1alpha1'],
  'ingressroutes',
  { custom: true },
);
// Traefik's TCP routes; the checks judge the TLS option of those that
// terminate TLS.
const INGRESS_ROUTE_TCP_TRAEFIK_IO = kind(
  'IngressRouteTCP',
  'traefik.io',
  ['v1alpha1', 'v1'],
  'ingressroutetcps',
  { custom: true },
);
const INGRESS_ROUTE_TCP_TRAEFIK_CONTAINOUS = kind(
  'IngressRouteTCP',
  'traefik.containo.us',
  ['v1alpha1'],
  'ingressroutetcps',
  { custom: true },
);

/**
 * Pods are listed apart from the other kinds, and only the Pods that no
 * listed workload controls are read in full. A list of every whole Pod
 * would be the largest of a cluster, and most Pods belong to a listed
 * workload.
 */
export const POD = kind('Pod', '', ['v1'], 'pods');

/**
 * The kinds listed in the service's own namespace. Jobs and CronJobs are
 * listed because the checks judge every pod template of the namespace: a
 * CronJob on the node network would otherwise pass unseen.
 */
export const SERVICE_NAMESPACE_KINDS: readonly KindSpec[] = [
  INGRESS,
  SERVICE,
  DEPLOYMENT,
  STATEFUL_SET,
  DAEMON_SET,
  JOB,
  CRON_JOB,
  NETWORK_POLICY,
  SECRET_PROVIDER_CLASS,
  GATEWAY,
  HTTP_ROUTE,
  GRPC_ROUTE,
  INGRESS_ROUTE_TRAEFIK_IO,
  INGRESS_ROUTE_TRAEFIK_CONTAINOUS,
  INGRESS_ROUTE_TCP_TRAEFIK_IO,
  INGRESS_ROUTE_TCP_TRAEFIK_CONTAINOUS,
  // A route may name a TLSOption of its own namespace, as the service
  // template's Ingress does.
  TLS_OPTION_TRAEFIK_IO,
  TLS_OPTION_TRAEFIK_CONTAINOUS,
];

/** The kinds listed in each ingress controller namespace. */
export const CONTROLLER_NAMESPACE_KINDS: readonly KindSpec[] = [
  DEPLOYMENT,
  DAEMON_SET,
  SERVICE,
  CONFIG_MAP,
  TLS_OPTION_TRAEFIK_IO,
  TLS_OPTION_TRAEFIK_CONTAINOUS,
  NETWORK_POLICY,
  SECRET_PROVIDER_CLASS,
];

/** The cluster-scoped kinds listed once per cluster. */
export const CLUSTER_KINDS: readonly KindSpec[] = [
  kind('IngressClass', 'networking.k8s.io', ['v1'], 'ingressclasses', {
    namespaced: false,
  }),
  kind(
    'GatewayClass',
    'gateway.networking.k8s.io',
    ['v1', 'v1beta1'],
    'gatewayclasses',
    {
      namespaced: false,
      custom: true,
    },
  ),
];

/** Namespaces are listed by name, for the labels that namespace selectors match. */
export const NAMESPACE_KIND = kind('Namespace', '', ['v1'], 'namespaces', {
  namespaced: false,
});

/** Returns the list path of a kind at one version, in a namespace when the kind is namespaced. */
export function listPath(
  spec: KindSpec,
  version: string,
  namespace?: string,
): string {
  const base = spec.group
    ? `/apis/${encodeURIComponent(spec.group)}/${encodeURIComponent(version)}`
    : `/api/${encodeURIComponent(version)}`;
  const scope =
    spec.namespaced && namespace
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  return `${base}${scope}/${spec.plural}`;
}
