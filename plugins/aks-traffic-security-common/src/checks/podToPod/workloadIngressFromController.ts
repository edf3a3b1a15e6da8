import { Evidence, JsonObject, KubernetesResource } from '../../types';
import { CheckDefinition, CheckOutcome } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { cidrContains, parseCidr } from '../../resources/cidr';
import {
  namespaceOf,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import {
  ExposedService,
  exposedServices,
  NO_ROUTED_SERVICE,
  podGroupsOf,
  unresolvedServiceMessage,
} from './exposedServices';
import {
  ServingControllers,
  servingControllers,
} from './ingressControllerPods';
import { gatewaySubnet } from './gatewaySubnet';
import { summarizeFindings } from './findings';
import { isEmptySelector } from './labelSelectors';
import { missingEntryPoint } from '../ingress/kubernetes/missingEntryPoint';
import {
  classifyPeer,
  PodGroup,
  PolicyRule,
  peerSelectsPods,
  policiesFor,
  policyRules,
  selectsAnyNamespace,
  selectsAnyPod,
  strongestMatch,
} from './networkPolicies';

/** Judges one `from` peer of a rule that applies to the workload pods. */
function judgePeer(
  peer: JsonObject,
  rule: PolicyRule,
  peerIndex: number,
  controllers: ServingControllers,
  context: EvaluationContext,
): ElementOutcome | undefined {
  const evidence = (expected: string, note?: string): Evidence[] => [
    {
      resource: objectRef(rule.policy, context),
      path: `${rule.path}.from[${peerIndex}]`,
      observed: peer,
      expected,
      elements: [rule.name],
      note,
    },
  ];
  const element = rule.name;
  const scope = classifyPeer(peer);

  if (scope.kind === 'everything') {
    return {
      element,
      ...fail(
        `Rule ${rule.name} admits every source (${scope.description}).`,
        evidence('the ingress controller pods'),
      ),
    };
  }
  if (scope.kind === 'all-pods') {
    return {
      element,
      ...fail(
        `Rule ${rule.name} admits every pod of every namespace.`,
        evidence('the ingress controller pods'),
      ),
    };
  }

  if (scope.kind === 'ip-block') {
    if (controllers.externalKinds.length === 0) {
      return {
        element,
        ...warn(
          `Rule ${rule.name} admits the address range ${scope.cidr}, not only the ingress controller pods.`,
          evidence('the ingress controller pods'),
          'peer-not-controller',
        ),
      };
    }
    // An Application Gateway Ingress Controller sends traffic from the gateway subnet itself.
    const subnet = gatewaySubnet(context);
    const range = parseCidr(scope.cidr);
    if (!subnet) {
      return {
        element,
        ...unknown(
          'missing-gateway-subnet',
          `Rule ${rule.name} admits ${scope.cidr}, and the App Gateway subnet is not known to compare it with.`,
          evidence('the App Gateway subnet'),
        ),
      };
    }
    if (range && cidrContains(subnet.range, range)) {
      return undefined;
    }
    return {
      element,
      ...warn(
        `Rule ${rule.name} admits ${scope.cidr}, which is not inside the App Gateway subnet ${subnet.range.text}.`,
        evidence(subnet.range.text),
        'peer-not-controller',
      ),
    };
  }

  const anyNamespace = selectsAnyNamespace(scope.namespaceSelector);
  const everyPod = !scope.podSelector || selectsAnyPod(scope.podSelector);
  if (anyNamespace && everyPod) {
    return {
      element,
      ...fail(
        `Rule ${rule.name} admits every pod of every namespace that its namespaceSelector does not exclude.`,
        evidence('the ingress controller pods'),
      ),
    };
  }
  if (everyPod) {
    return {
      element,
      ...warn(
        `Rule ${rule.name} admits every pod of the selected namespaces${
          scope.podSelector && !isEmptySelector(scope.podSelector)
            ? ' that its podSelector does not exclude'
            : ''
        }, not only the ingress controller.`,
        evidence('a podSelector matching the controller pods'),
        'broad-peer',
      ),
    };
  }
  if (controllers.pods.length === 0) {
    if (controllers.externalKinds.length > 0 && !controllers.unidentified) {
      return {
        element,
        ...warn(
          `Rule ${
            rule.name
          } admits pods, but the service is served from outside the cluster by ${controllers.externalKinds.join(
            ', ',
          )}.`,
          evidence('the App Gateway subnet'),
          'peer-not-controller',
        ),
      };
    }
    return {
      element,
      ...unknown(
        'missing-resource',
        `The ingress controller's pods were not read, so rule ${rule.name} cannot be matched to them.`,
        evidence('the ingress controller pods'),
      ),
    };
  }

  const matches = controllers.pods.map(pods =>
    peerSelectsPods(scope, rule.policy, pods, context),
  );
  const match = strongestMatch(matches);
  if (match === 'no') {
    return {
      element,
      ...warn(
        `Rule ${rule.name} admits pods other than the ingress controller.`,
        evidence(
          `pods of ${controllers.pods.map(pods => pods.source).join(', ')}`,
        ),
        'peer-not-controller',
      ),
    };
  }
  if (anyNamespace) {
    const namespaces = isEmptySelector(scope.namespaceSelector)
      ? 'any namespace (namespaceSelector: {})'
      : 'every namespace that its namespaceSelector does not exclude';
    return {
      element,
      ...warn(
        `Rule ${rule.name} admits pods with the controller's labels from ${namespaces}.`,
        evidence('a namespaceSelector naming the controller namespace'),
        'any-namespace',
      ),
    };
  }
  if (match === 'unconfirmed') {
    // Requirements on kubernetes.io/metadata.name are decided without the Namespace object, so this is a
    // requirement on another label, or a controller whose namespace is not known.
    const namespaces = [
      ...new Set(
        controllers.pods
          .filter((_pods, index) => matches[index] === 'unconfirmed')
          .map(pods => pods.namespace ?? '(name not known)'),
      ),
    ].join(', ');
    return {
      element,
      ...unknown(
        'missing-resource',
        `The labels of the controller namespace ${namespaces} were not read, so whether rule ${rule.name} admits the controller pods is not known.`,
        evidence(
          'a namespaceSelector matching the controller namespace',
          'Read the Namespace object of the controller namespace, or select it by kubernetes.io/metadata.name.',
        ),
      ),
    };
  }
  return undefined;
}

function judgePods(
  service: ExposedService,
  pods: PodGroup,
  policies: KubernetesResource[],
  controllers: ServingControllers,
  context: EvaluationContext,
): CheckOutcome {
  const selecting = policiesFor(policies, pods, 'Ingress', context);
  if (selecting.length === 0) {
    return fail(
      `No NetworkPolicy restricts ingress to the pods behind Service ${service.name}.`,
      [
        {
          resource: pods.source,
          path: pods.labelsPath,
          observed: pods.labels,
          expected: 'a NetworkPolicy of type Ingress selecting these pods',
          elements: [service.name],
        },
      ],
    );
  }

  const rules = selecting.flatMap(policy => policyRules(policy, 'Ingress'));
  const findings: ElementOutcome[] = [];
  for (const rule of rules) {
    if (!rule.peers || rule.peers.length === 0) {
      findings.push({
        element: rule.name,
        ...fail(
          `Rule ${rule.name} has no from clause, so it admits every source.`,
          [
            {
              resource: objectRef(rule.policy, context),
              path: `${rule.path}.from`,
              observed: null,
              expected: 'the ingress controller pods',
              elements: [rule.name],
            },
          ],
        ),
      });
      continue;
    }
    rule.peers.forEach((peer, index) => {
      const finding = judgePeer(peer, rule, index, controllers, context);
      if (finding) {
        findings.push(finding);
      }
    });
    if (rule.ports.length === 0) {
      findings.push({
        element: rule.name,
        ...warn(
          `Rule ${rule.name} admits every port, not only the application port.`,
          [
            {
              resource: objectRef(rule.policy, context),
              path: `${rule.path}.ports`,
              observed: null,
              expected: 'the application port',
              elements: [rule.name],
            },
          ],
          'no-port-restriction',
        ),
      });
    }
  }

  const policyNames = selecting.map(policy => policy.name);
  const summary: Evidence = {
    resource: pods.source,
    path: 'NetworkPolicy',
    observed: policyNames,
    note:
      rules.length === 0
        ? 'No rule admits any source, so the ingress controller cannot reach these pods either.'
        : undefined,
  };
  if (
    findings.length === 0 ||
    findings.every(finding => finding.verdict === 'pass')
  ) {
    return pass(
      `Only the ingress controller may reach the pods behind Service ${service.name}.`,
      [summary, ...findings.flatMap(finding => finding.evidence)],
    );
  }
  const outcome = summarizeFindings(`Service ${service.name}`, findings);
  return { ...outcome, evidence: [summary, ...outcome.evidence] };
}

export const workloadIngressFromController: CheckDefinition = {
  id: 'pod.k8s.workload-ingress-from-controller',
  flow: 'pod-to-pod',
  severity: 'high',
  level: 'baseline',
  title: 'Workload pods accept ingress only from the ingress controller.',
  why: 'If other pods can reach the workload directly, a compromised pod bypasses the WAF, the TLS chain and the controller, and reaches the application unchecked.',
  remediation:
    'Select the workload pods with a NetworkPolicy whose only ingress peer is the controller pods (a podSelector with the controller labels and a namespaceSelector naming the controller namespace, such as `kubernetes.io/metadata.name`), limited to the application port.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  evaluate(context) {
    const exposed = exposedServices(context);
    if (!exposed.found) {
      return exposed.outcome;
    }
    if (exposed.value.services.length === 0) {
      const missing = missingEntryPoint(context);
      if (missing) {
        return missing;
      }
    }
    const policies = context.kubernetes('NetworkPolicy');
    if (!policies.found) {
      return policies.outcome;
    }
    const controllers = servingControllers(context);
    if (!controllers.found) {
      return controllers.outcome;
    }

    const outcomes: ElementOutcome[] = exposed.value.services.flatMap(
      service => {
        if (!service.service) {
          return [
            {
              element: service.name,
              ...unknown(
                'unresolved-reference',
                unresolvedServiceMessage(service),
                [
                  {
                    resource: `${service.namespace ?? ''}/Service/${
                      service.name
                    }`,
                    note: `referenced by ${service.references
                      .map(reference => objectRef(reference.route, context))
                      .join(', ')}`,
                  },
                ],
              ),
            },
          ];
        }
        const groups = podGroupsOf(service.service, context);
        if (groups.length === 0) {
          return [
            {
              element: service.name,
              ...unknown(
                'missing-selector',
                `Service ${service.name} has no selector, so its pods are not known.`,
                [
                  {
                    resource: objectRef(service.service, context),
                    path: 'spec.selector',
                    observed: null,
                  },
                ],
              ),
            },
          ];
        }
        return groups.map(pods => ({
          element: service.name,
          ...judgePods(
            service,
            {
              ...pods,
              namespace:
                pods.namespace ?? namespaceOf(service.service!, context),
            },
            policies.value,
            controllers.value,
            context,
          ),
        }));
      },
    );
    return combineElements(outcomes, NO_ROUTED_SERVICE);
  },
};
