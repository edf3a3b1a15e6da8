import { KubernetesResource } from '../../types';
import { CheckDefinition } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  pass,
  unknown,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { booleanAt } from '../../resources/json';
import { labelsAt, objectRef } from '../ingress/kubernetes/kubernetesObjects';
import {
  podTemplatePath,
  readNamespaceWorkloads,
  WORKLOAD_KIND_NAMES,
  workloadsSelectedBy,
} from './exposedServices';
import { hostNetworkUse } from './hostNetworkUse';

function judgeWorkload(
  workload: KubernetesResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = `${workload.objectKind}/${workload.name}`;
  const resource = objectRef(workload, context);
  const problems = hostNetworkUse(workload, resource, element);
  const hostNetworkPath = podTemplatePath(workload, 'spec.hostNetwork');
  const hostPidPath = podTemplatePath(workload, 'spec.hostPID');
  const hostPidNote =
    booleanAt(workload.body, hostPidPath) === true
      ? 'hostPID is true: the pods share the node process namespace, which does not bypass NetworkPolicy but weakens isolation.'
      : undefined;

  if (problems.length > 0) {
    return {
      element,
      ...fail(
        `${element} uses the node network (${problems
          .map(problem => problem.path!.split('.').pop())
          .join(
            ', ',
          )}), bypassing NetworkPolicy and the internal load balancer.`,
        hostPidNote
          ? [
              ...problems,
              {
                resource,
                path: hostPidPath,
                observed: true,
                note: hostPidNote,
              },
            ]
          : problems,
      ),
    };
  }
  return {
    element,
    ...pass(`${element} uses the pod network only.`, [
      {
        resource,
        path: hostNetworkPath,
        observed: booleanAt(workload.body, hostNetworkPath) ?? null,
        expected: false,
        note: hostPidNote,
      },
    ]),
  };
}

/**
 * Returns `unknown` for a Service whose selector matches no workload that
 * was read, because the spec of the pods it selects is not known.
 */
function judgeServiceWithoutWorkload(
  service: KubernetesResource,
  context: EvaluationContext,
): ElementOutcome {
  const selector = labelsAt(service.body, 'spec.selector');
  const selectorText = Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return {
    element: `Service/${service.name}`,
    ...unknown(
      'missing-resource',
      `Service ${service.name} selects pods (${selectorText}) of no ${WORKLOAD_KIND_NAMES} that was read, so whether they use the node network is not known.`,
      [
        {
          resource: objectRef(service, context),
          path: 'spec.selector',
          observed: selector,
          expected: `the pod labels of a ${WORKLOAD_KIND_NAMES} that was read`,
        },
      ],
    ),
  };
}

export const noHostNetwork: CheckDefinition = {
  id: 'pod.k8s.no-host-network',
  flow: 'pod-to-pod',
  severity: 'medium',
  level: 'baseline',
  title: 'Pods use neither the host network nor host ports.',
  why: 'A pod on the host network or behind a host port is reached through the node address, which NetworkPolicy does not govern and which skips the internal load balancer.',
  remediation:
    'Remove `hostNetwork: true` and every `hostPort` from the pod templates; expose pods through Services.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  evaluate(context) {
    // Deployments are required. The other workload kinds are judged when they were read.
    const deployments = context.kubernetes('Deployment');
    if (!deployments.found) {
      return deployments.outcome;
    }
    const { workloads, unread } = readNamespaceWorkloads(context);
    const outcomes: ElementOutcome[] = [
      ...workloads.map(workload => judgeWorkload(workload, context)),
      ...unread,
    ];

    // A Service whose selector matches no workload read selects pods that were not judged.
    const services = context.kubernetes('Service');
    if (services.found) {
      for (const service of services.value) {
        const hasSelector =
          Object.keys(labelsAt(service.body, 'spec.selector')).length > 0;
        if (
          hasSelector &&
          workloadsSelectedBy(service, workloads).length === 0
        ) {
          outcomes.push(judgeServiceWithoutWorkload(service, context));
        }
      }
    } else {
      outcomes.push({ element: 'Service objects', ...services.outcome });
    }

    return combineElements(
      outcomes,
      `The namespace has no ${WORKLOAD_KIND_NAMES} and no Service that selects pods.`,
    );
  },
};
