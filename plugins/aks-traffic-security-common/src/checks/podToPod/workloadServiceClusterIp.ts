import { KubernetesResource } from '../../types';
import { CheckDefinition, CheckOutcome } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  isWorseThan,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { parseCidr, reachesInternet } from '../../resources/cidr';
import { getPath, parseBoolean, stringAt } from '../../resources/json';
import {
  annotation,
  labelsAt,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import {
  ExposedService,
  exposedServices,
  NO_ROUTED_SERVICE,
  podGroupsOf,
  unresolvedServiceMessage,
} from './exposedServices';

const INTERNAL_LB_ANNOTATION =
  'service.beta.kubernetes.io/azure-load-balancer-internal';

/**
 * Judges the `spec.externalIPs` of a Service. Kubernetes routes traffic for
 * each listed address on the Service ports to the Service's pods, whatever
 * the type, except for an ExternalName Service, which has no pods.
 */
function judgeExternalIps(
  service: KubernetesResource,
  context: EvaluationContext,
): CheckOutcome | undefined {
  const addresses = getPath(service.body, 'spec.externalIPs');
  if (!Array.isArray(addresses) || addresses.length === 0) {
    return undefined;
  }
  if (stringAt(service.body, 'spec.type') === 'ExternalName') {
    return undefined;
  }

  const evidence = [
    {
      resource: objectRef(service, context),
      path: 'spec.externalIPs',
      observed: addresses,
      expected: null,
    },
  ];
  const invalid = addresses.filter(
    address =>
      typeof address !== 'string' ||
      address.includes('/') ||
      parseCidr(address) === undefined,
  );
  if (invalid.length > 0) {
    return unknown(
      'unrecognised-value',
      `Service ${
        service.name
      } has entries in spec.externalIPs that are not IP addresses: ${JSON.stringify(
        invalid,
      )}.`,
      evidence,
    );
  }

  const publicAddresses = (addresses as string[]).filter(address =>
    reachesInternet(parseCidr(address)!),
  );
  if (publicAddresses.length > 0) {
    return fail(
      `Service ${
        service.name
      } routes the public addresses in spec.externalIPs (${publicAddresses.join(
        ', ',
      )}) straight to the pods.`,
      evidence,
    );
  }
  return warn(
    `Service ${
      service.name
    } routes the addresses in spec.externalIPs (${addresses.join(
      ', ',
    )}) to the pods, a path that skips the ingress controller.`,
    evidence,
    'bypasses-controller',
  );
}

/**
 * Judges one Service that exposes workload pods by its type and its
 * external IPs, and returns the worse of the two outcomes.
 */
function judgeService(
  service: KubernetesResource,
  role: string,
  context: EvaluationContext,
): ElementOutcome {
  const byType = judgeServiceType(service, role, context);
  const byExternalIps = judgeExternalIps(service, context);
  if (!byExternalIps) {
    return byType;
  }

  const worse = isWorseThan(byExternalIps.verdict, byType.verdict)
    ? byExternalIps
    : byType;
  return {
    ...worse,
    element: byType.element,
    evidence: [...byType.evidence, ...byExternalIps.evidence],
  };
}

/** Judges the type of one Service that exposes workload pods. */
function judgeServiceType(
  service: KubernetesResource,
  role: string,
  context: EvaluationContext,
): ElementOutcome {
  const element = service.name;
  const rawType = stringAt(service.body, 'spec.type');
  const type = rawType ?? 'ClusterIP';
  const evidence = [
    {
      resource: objectRef(service, context),
      path: 'spec.type',
      observed: rawType ?? null,
      expected: 'ClusterIP',
      note:
        rawType === undefined
          ? `${role}; type absent, which is ClusterIP`
          : role,
    },
  ];

  if (type === 'ClusterIP' || type === 'ExternalName') {
    // An ExternalName Service is a DNS alias with no pods, so it opens no
    // path into the cluster.
    return {
      element,
      ...pass(
        type === 'ClusterIP'
          ? `Service ${element} is ClusterIP and reachable only inside the cluster.`
          : `Service ${element} is ExternalName, a DNS alias that opens no path to pods.`,
        evidence,
      ),
    };
  }
  if (type === 'NodePort') {
    return {
      element,
      ...warn(
        `Service ${element} is a NodePort, a path to the pods that skips the ingress controller.`,
        evidence,
        'bypasses-controller',
      ),
    };
  }
  if (type === 'LoadBalancer') {
    const internal =
      parseBoolean(annotation(service, INTERNAL_LB_ANNOTATION)) === true;
    return internal
      ? {
          element,
          ...warn(
            `Service ${element} is an internal load balancer, a path to the pods that skips the ingress controller.`,
            evidence,
            'bypasses-controller',
          ),
        }
      : {
          element,
          ...fail(
            `Service ${element} is a public load balancer that exposes the pods directly.`,
            [
              ...evidence,
              {
                resource: objectRef(service, context),
                path: `metadata.annotations["${INTERNAL_LB_ANNOTATION}"]`,
                observed: annotation(service, INTERNAL_LB_ANNOTATION) ?? null,
                expected: 'true',
              },
            ],
          ),
        };
  }
  return {
    element,
    ...unknown(
      'unrecognised-value',
      `Service ${element} has the unrecognised type ${JSON.stringify(
        rawType,
      )}.`,
      evidence,
    ),
  };
}

/**
 * Returns the other Services of the namespace whose selector picks the same
 * pods as a routed Service: each of them is another way in.
 */
function siblingServices(
  exposed: ExposedService,
  services: KubernetesResource[],
  context: EvaluationContext,
): KubernetesResource[] {
  if (!exposed.service) {
    return [];
  }
  const groups = podGroupsOf(exposed.service, context);
  return services.filter(candidate => {
    if (candidate === exposed.service) {
      return false;
    }
    const selector = Object.entries(labelsAt(candidate.body, 'spec.selector'));
    return (
      selector.length > 0 &&
      groups.some(group =>
        selector.every(([key, value]) => group.labels[key] === value),
      )
    );
  });
}

export const workloadServiceClusterIp: CheckDefinition = {
  id: 'pod.k8s.workload-service-clusterip',
  flow: 'pod-to-pod',
  severity: 'medium',
  level: 'baseline',
  title:
    'Workload Services are ClusterIP, reachable only through the ingress controller.',
  why: 'A NodePort or LoadBalancer Service, or any Service with external IPs, opens a path to the pods that skips the ingress controller and, for a public load balancer, the Application Gateway and its WAF.',
  remediation:
    'Make the Services behind Ingress, Gateway API and Traefik routes `type: ClusterIP` without `externalIPs`, and expose workloads only through the ingress controller.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  evaluate(context) {
    const exposed = exposedServices(context);
    if (!exposed.found) {
      return exposed.outcome;
    }
    const services = context.kubernetes('Service');
    if (!services.found) {
      return services.outcome;
    }

    const outcomes: ElementOutcome[] = [];
    const judged = new Set<KubernetesResource>();
    for (const entry of exposed.value.services) {
      if (!entry.service) {
        outcomes.push({
          element: entry.name,
          ...unknown('unresolved-reference', unresolvedServiceMessage(entry), [
            {
              resource: `${entry.namespace ?? ''}/Service/${entry.name}`,
              note: `referenced by ${entry.references
                .map(reference => objectRef(reference.route, context))
                .join(', ')}`,
            },
          ]),
        });
        continue;
      }
      if (!judged.has(entry.service)) {
        judged.add(entry.service);
        outcomes.push(
          judgeService(entry.service, 'backend of a route', context),
        );
      }
      for (const sibling of siblingServices(entry, services.value, context)) {
        if (!judged.has(sibling)) {
          judged.add(sibling);
          outcomes.push(
            judgeService(
              sibling,
              `selects the same pods as ${entry.name}`,
              context,
            ),
          );
        }
      }
    }
    return combineElements(outcomes, NO_ROUTED_SERVICE);
  },
};
