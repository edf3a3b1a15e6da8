import { KubernetesResource } from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * The Kubernetes kinds a service repository may declare, by API group (empty
 * for the core group): the kinds the checks read, the kinds the service
 * template renders, and kinds that set nothing about traffic. An object of
 * any other kind, such as a Calico GlobalNetworkPolicy, an Istio
 * AuthorizationPolicy or a Namespace, could change the service's traffic
 * without any check judging it.
 * NOTE: a harmless kind missing here, such as a KEDA ScaledObject, is
 * rejected too; add it here when it sets nothing about traffic.
 */
const PUBLISHABLE_KINDS: Record<string, readonly string[]> = {
  '': [
    'ConfigMap',
    'LimitRange',
    'Pod',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  apps: ['DaemonSet', 'Deployment', 'StatefulSet'],
  autoscaling: ['HorizontalPodAutoscaler'],
  batch: ['CronJob', 'Job'],
  'gateway.networking.k8s.io': [
    'BackendTLSPolicy',
    'Gateway',
    'GRPCRoute',
    'HTTPRoute',
  ],
  // Prometheus Operator objects choose what to scrape and alert on.
  'monitoring.coreos.com': ['PodMonitor', 'PrometheusRule', 'ServiceMonitor'],
  'networking.k8s.io': ['Ingress', 'NetworkPolicy'],
  policy: ['PodDisruptionBudget'],
  'rbac.authorization.k8s.io': ['Role', 'RoleBinding'],
  'secrets-store.csi.x-k8s.io': ['SecretProviderClass'],
  'traefik.io': [
    'IngressRoute',
    'IngressRouteTCP',
    'ServersTransport',
    'TLSOption',
  ],
  'traefik.containo.us': [
    'IngressRoute',
    'IngressRouteTCP',
    'ServersTransport',
    'TLSOption',
  ],
};

/** Tells whether a service repository may declare an object of this kind. */
export function isPublishableKind(resource: KubernetesResource): boolean {
  const slash = resource.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : resource.apiVersion.slice(0, slash);
  return PUBLISHABLE_KINDS[group]?.includes(resource.objectKind) ?? false;
}

/** Lists the publishable kinds as `group/Kind`, for messages. */
export function publishableKindNames(): string {
  return Object.entries(PUBLISHABLE_KINDS)
    .flatMap(([group, kinds]) =>
      kinds.map(kind => (group ? `${group}/${kind}` : kind)),
    )
    .join(', ');
}
