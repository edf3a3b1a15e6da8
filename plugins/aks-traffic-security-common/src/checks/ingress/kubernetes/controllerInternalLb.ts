import { Evidence, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import {
  combineElements,
  ElementOutcome,
  notApplicable,
  unknown,
} from '../../outcomes';
import { getPath, stringAt } from '../../../resources/json';
import { annotation, objectRef } from './kubernetesObjects';
import { readEntryPoints } from './entryPoints';
import { IN_CLUSTER_KINDS } from './ingressControllers';
import { parseCidr } from '../../../resources/cidr';

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
const INTERNAL_SUBNET =
  'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';
const IPV4_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-ipv4';
const SOURCE_RANGES_ANNOTATION =
  'service.beta.kubernetes.io/load-balancer-source-ranges';

export const controllerInternalLb: CheckDefinition = {
  id: 'ingress.k8s.controller-internal-lb',
  flow: 'ingress',
  severity: 'critical',
  level: 'required',
  title:
    'The ingress controller is exposed only through an internal load balancer.',
  why: 'A LoadBalancer Service with a public frontend lets clients reach the ingress controller directly, bypassing the Application Gateway and its WAF.',
  remediation:
    'Annotate every LoadBalancer Service with `service.beta.kubernetes.io/azure-load-balancer-internal: "true"` (and `-internal-subnet`), set a real private IP address, and use `externalTrafficPolicy: Local` with source ranges.',
  documentationUrl: 'https://learn.microsoft.com/azure/aks/internal-lb',
  evaluate(context) {
    const lookup = context.kubernetes('Service');
    if (!lookup.found) {
      return lookup.outcome;
    }

    // The controller's Service often lives in the controller's own namespace.
    const services = context
      .kubernetesInAnyNamespace('Service')
      .filter(
        service => stringAt(service.body, 'spec.type') === 'LoadBalancer',
      );
    if (services.length > 0) {
      return combineElements(
        services.map(service => evaluateService(service, context)),
        'No LoadBalancer Service was read.',
      );
    }

    return withoutLoadBalancer(context);
  },
};

/**
 * Decides the verdict when no LoadBalancer Service was read. It is not
 * applicable when the entry points need none, because AGIC and Application
 * Gateway for Containers reach pod IP addresses directly. It is unknown when
 * an in-cluster controller serves them but its Service was not read.
 */
function withoutLoadBalancer(context: EvaluationContext) {
  const entryPoints = readEntryPoints(context);
  if (!entryPoints.found) {
    return entryPoints.outcome;
  }

  const inCluster = [...entryPoints.value.kinds].filter(kind =>
    IN_CLUSTER_KINDS.has(kind),
  );
  if (inCluster.length > 0 || entryPoints.value.unidentified.length > 0) {
    return unknown(
      'missing-resource',
      'The namespace is served by an in-cluster ingress controller, but no LoadBalancer Service was read, so its exposure cannot be judged.',
      [
        ...[...entryPoints.value.ingresses, ...entryPoints.value.gateways].map(
          entry => entry.identity.evidence,
        ),
        { note: 'no Service of type LoadBalancer in any namespace read' },
      ],
    );
  }
  return notApplicable(
    'No LoadBalancer Service was read and no in-cluster ingress controller serves the namespace.',
    [{ note: 'no Service of type LoadBalancer in any namespace read' }],
  );
}

function evaluateService(
  service: KubernetesResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(service, context);

  // cloud-provider-azure compares the annotation with the exact string "true".
  const internal = annotation(service, INTERNAL);
  const internalEvidence: Evidence = {
    resource: element,
    path: `metadata.annotations["${INTERNAL}"]`,
    observed: internal ?? null,
    expected: 'true',
  };
  if (internal !== 'true') {
    return {
      element,
      verdict: 'fail',
      message: `${element} is a LoadBalancer Service with a public frontend, which bypasses the Application Gateway.`,
      evidence: [internalEvidence],
    };
  }

  const warnings = [
    ...addressWarnings(service, element),
    ...trafficPolicyWarnings(service, element),
  ];
  if (warnings.length > 0) {
    return {
      element,
      verdict: 'warn',
      reason: warnings[0].reason,
      message: `${element} is internal, but ${warnings
        .map(warning => warning.text)
        .join('; ')}.`,
      evidence: [
        internalEvidence,
        ...warnings.map(warning => warning.evidence),
      ],
    };
  }

  const subnet = annotation(service, INTERNAL_SUBNET);
  return {
    element,
    verdict: 'pass',
    message: `${element} uses an internal load balancer${
      subnet ? ` in subnet ${subnet}` : ''
    }.`,
    evidence: [internalEvidence],
  };
}

/** Tells whether a value is a single IPv4 or IPv6 address, not a range. */
function isIpAddress(value: string): boolean {
  return !value.includes('/') && parseCidr(value) !== undefined;
}

interface ServiceWarning {
  reason: string;
  text: string;
  evidence: Evidence;
}

function addressWarnings(
  service: KubernetesResource,
  element: string,
): ServiceWarning[] {
  const candidates = [
    {
      path: 'spec.loadBalancerIP',
      value: getPath(service.body, 'spec.loadBalancerIP'),
    },
    {
      path: `metadata.annotations["${IPV4_ANNOTATION}"]`,
      value: annotation(service, IPV4_ANNOTATION),
    },
  ];
  return candidates
    .filter(
      ({ value }) => value !== undefined && value !== null && value !== '',
    )
    .filter(({ value }) => typeof value !== 'string' || !isIpAddress(value))
    .map(({ path, value }) => ({
      reason: 'invalid-load-balancer-ip',
      text: `${path} is "${String(
        value,
      )}", which is not an IP address (an unrendered placeholder?)`,
      evidence: {
        resource: element,
        path,
        observed: value ?? null,
        expected: 'a private IP address',
      },
    }));
}

// With externalTrafficPolicy Cluster, kube-proxy SNATs client addresses, so
// source-range allow-lists and the controller see node addresses instead.
function trafficPolicyWarnings(
  service: KubernetesResource,
  element: string,
): ServiceWarning[] {
  const ranges = getPath(service.body, 'spec.loadBalancerSourceRanges');
  const rangeAnnotation = annotation(service, SOURCE_RANGES_ANNOTATION);
  const hasAllowList =
    (Array.isArray(ranges) && ranges.length > 0) ||
    Boolean(rangeAnnotation?.trim());
  const policy =
    stringAt(service.body, 'spec.externalTrafficPolicy') ?? 'Cluster';
  if (!hasAllowList || policy === 'Local') {
    return [];
  }
  return [
    {
      reason: 'client-ip-snat',
      text: `it uses an IP allow-list with externalTrafficPolicy ${policy}, which hides client addresses behind SNAT`,
      evidence: {
        resource: element,
        path: 'spec.externalTrafficPolicy',
        observed: policy,
        expected: 'Local',
      },
    },
  ];
}
