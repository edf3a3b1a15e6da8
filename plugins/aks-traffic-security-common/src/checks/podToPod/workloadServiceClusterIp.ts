import { KubernetesResource } from '../../types';
import { CheckDefinition } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { parseBoolean, stringAt } from '../../resources/json';
import {
  annotation,
  labelsAt,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import {
  ExposedService,
  exposedServices,
  podGroupsOf,
} from './exposedServices';

const INTERNAL_LB_ANNOTATION =
  'service.beta.kubernetes.io/azure-load-balancer-internal';

/** Judges the type of one Service that exposes workload pods. */
function judgeService(
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
    return {
      element,
      ...pass(
        `Service ${element} is ${type} and reachable only inside the cluster.`,
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
  why: 'A NodePort or LoadBalancer Service opens a path to the pods that skips the ingress controller and, for a public load balancer, the Application Gateway and its WAF.',
  remediation:
    'Make the Services behind Ingress or HTTPRoute objects `type: ClusterIP` and expose workloads only through the ingress controller.',
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
          ...unknown(
            'unresolved-reference',
            `Service ${entry.name} is routed to but was not read.`,
            [
              {
                resource: `${entry.namespace ?? ''}/Service/${entry.name}`,
                note: `referenced by ${entry.references
                  .map(reference => objectRef(reference.route, context))
                  .join(', ')}`,
              },
            ],
          ),
        });
        continue;
      }
      if (!judged.has(entry.service)) {
        judged.add(entry.service);
        outcomes.push(
          judgeService(
            entry.service,
            'backend of an Ingress or HTTPRoute',
            context,
          ),
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
    return combineElements(
      outcomes,
      'No Ingress or HTTPRoute of the namespace routes to a Service.',
    );
  },
};
