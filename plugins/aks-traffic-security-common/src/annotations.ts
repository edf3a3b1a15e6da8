import { isArmResourceId, armIdType } from './resources/armIds';
import { AssessmentScope } from './types';

/**
 * Catalog entity annotations that name the Azure resources of a service.
 *
 * @public
 */
export const ANNOTATIONS = {
  /** ARM id of the AKS managed cluster that runs the service. */
  clusterId: 'aks-traffic-security.io/cluster-id',
  /** ARM id of the Application Gateway in front of the service. */
  gatewayId: 'aks-traffic-security.io/gateway-id',
  /** Comma-separated public host names of the service. */
  hostNames: 'aks-traffic-security.io/host-names',
  /** Private DNS suffix of the internal ingress hop, such as `aks-ingress.contoso.com`. */
  internalDomainSuffix: 'aks-traffic-security.io/internal-domain-suffix',
  /** `true` when TLS runs from the ingress controller to the pods. */
  tlsToPod: 'aks-traffic-security.io/tls-to-pod',
  /** The service's Kubernetes namespace, shared with the Kubernetes plugin. */
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  /** The service's Kubernetes id, shared with the Kubernetes plugin. */
  kubernetesId: 'backstage.io/kubernetes-id',
} as const;

/** The annotations without which no assessment is made. @public */
export const REQUIRED_ANNOTATIONS: readonly string[] = [
  ANNOTATIONS.clusterId,
  ANNOTATIONS.gatewayId,
];

/** The minimal entity shape the annotation reader needs. @public */
export interface AnnotatedEntity {
  metadata: { annotations?: Record<string, string> };
}

/** @public */
export interface ScopeFromAnnotations {
  scope: AssessmentScope;
  /** Required annotations that are absent. */
  missing: string[];
  /** Annotations whose value is invalid, each naming the value and the expected form. */
  errors: string[];
}

const DNS_NAME = /^(\*\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Reads the assessment scope from an entity's annotations and validates each
 * value, so that only well-formed ARM ids ever reach a resource source.
 *
 * @public
 */
export function scopeFromAnnotations(entity: AnnotatedEntity): ScopeFromAnnotations {
  const annotations = entity.metadata.annotations ?? {};
  const scope: AssessmentScope = {};
  const missing = REQUIRED_ANNOTATIONS.filter(key => !annotations[key]?.trim());
  const errors: string[] = [];

  const readArmId = (key: string, expectedType: string) => {
    const value = annotations[key]?.trim();
    if (!value) {
      return undefined;
    }
    if (!isArmResourceId(value) || armIdType(value)?.toLowerCase() !== expectedType.toLowerCase()) {
      errors.push(
        `Invalid annotation '${key}' value '${value}'; expected the ARM id of a ${expectedType}, such as /subscriptions/<subscription id>/resourceGroups/<group>/providers/${expectedType}/<name>`,
      );
      return undefined;
    }
    return value;
  };

  scope.clusterId = readArmId(ANNOTATIONS.clusterId, 'Microsoft.ContainerService/managedClusters');
  scope.gatewayId = readArmId(ANNOTATIONS.gatewayId, 'Microsoft.Network/applicationGateways');

  const hostNames = annotations[ANNOTATIONS.hostNames];
  if (hostNames !== undefined) {
    const names = hostNames.split(',').map(name => name.trim()).filter(Boolean);
    const invalid = names.filter(name => !DNS_NAME.test(name));
    if (invalid.length > 0) {
      errors.push(
        `Invalid annotation '${ANNOTATIONS.hostNames}' value '${invalid.join(', ')}'; expected comma-separated DNS host names such as app.contoso.com`,
      );
    } else {
      scope.hostNames = names;
    }
  }

  const suffix = annotations[ANNOTATIONS.internalDomainSuffix]?.trim();
  if (suffix !== undefined) {
    if (DNS_NAME.test(suffix) && !suffix.startsWith('*')) {
      scope.internalDomainSuffix = suffix.toLowerCase();
    } else {
      errors.push(
        `Invalid annotation '${ANNOTATIONS.internalDomainSuffix}' value '${suffix}'; expected a DNS suffix such as aks-ingress.contoso.com`,
      );
    }
  }

  const namespace = annotations[ANNOTATIONS.kubernetesNamespace]?.trim();
  if (namespace !== undefined) {
    if (DNS_LABEL.test(namespace)) {
      scope.namespace = namespace;
    } else {
      errors.push(
        `Invalid annotation '${ANNOTATIONS.kubernetesNamespace}' value '${namespace}'; expected a Kubernetes namespace name (lower-case DNS label)`,
      );
    }
  }

  const tlsToPod = annotations[ANNOTATIONS.tlsToPod]?.trim();
  if (tlsToPod !== undefined) {
    if (tlsToPod === 'true' || tlsToPod === 'false') {
      scope.tlsToPod = tlsToPod === 'true';
    } else {
      errors.push(
        `Invalid annotation '${ANNOTATIONS.tlsToPod}' value '${tlsToPod}'; expected 'true' or 'false'`,
      );
    }
  }

  return { scope, missing, errors };
}
