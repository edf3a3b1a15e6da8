import { KubernetesResource } from '../../types';
import { CheckDefinition } from '../types';
import { combineElements, ElementOutcome, fail, pass } from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { booleanAt } from '../../resources/json';
import { objectRef } from '../ingress/kubernetes/kubernetesObjects';
import { namespaceWorkloads } from './exposedServices';
import { hostNetworkUse } from './hostNetworkUse';

function judgeWorkload(
  workload: KubernetesResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = `${workload.objectKind}/${workload.name}`;
  const resource = objectRef(workload, context);
  const problems = hostNetworkUse(workload, resource, element);
  const hostPidNote =
    booleanAt(workload.body, 'spec.template.spec.hostPID') === true
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
                path: 'spec.template.spec.hostPID',
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
        path: 'spec.template.spec.hostNetwork',
        observed:
          booleanAt(workload.body, 'spec.template.spec.hostNetwork') ?? null,
        expected: false,
        note: hostPidNote,
      },
    ]),
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
    // Deployments are required; StatefulSets and DaemonSets are judged when they were read.
    const deployments = context.kubernetes('Deployment');
    if (!deployments.found) {
      return deployments.outcome;
    }
    const workloads = namespaceWorkloads(context);
    return combineElements(
      workloads.map(workload => judgeWorkload(workload, context)),
      'The namespace has no Deployment, StatefulSet or DaemonSet.',
    );
  },
};
