import { CheckDefinition } from '../types';
import { pass, warn } from '../outcomes';
import { getPath } from '../../resources/json';
import { objectRef } from '../ingress/kubernetes/kubernetesObjects';
import { isEmptySelector } from './labelSelectors';
import { effectivePolicyTypes } from './networkPolicies';

export const defaultDeny: CheckDefinition = {
  id: 'pod.k8s.default-deny',
  flow: 'pod-to-pod',
  severity: 'medium',
  level: 'advisory',
  title: "The service's namespace denies pod ingress by default.",
  why: 'A default-deny policy makes every allowed connection explicit, so a pod added later without its own policy is not reachable by every other pod.',
  remediation:
    'Add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress, Egress]`, no ingress rules and only DNS egress, then allow each required flow explicitly.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
  evaluate(context) {
    const lookup = context.kubernetes('NetworkPolicy');
    if (!lookup.found) {
      return lookup.outcome;
    }
    const policies = lookup.value;

    const denying = policies.filter(policy => {
      // An omitted podSelector decodes to the empty selector.
      const selector = getPath(policy.body, 'spec.podSelector') ?? {};
      const rules = getPath(policy.body, 'spec.ingress');
      return (
        isEmptySelector(selector) &&
        effectivePolicyTypes(policy).includes('Ingress') &&
        (rules === undefined ||
          rules === null ||
          (Array.isArray(rules) && rules.length === 0))
      );
    });

    if (denying.length > 0) {
      return pass(
        `NetworkPolicy ${denying[0].name} denies ingress to every pod by default.`,
        [
          {
            resource: objectRef(denying[0], context),
            path: 'spec',
            observed: {
              podSelector: getPath(denying[0].body, 'spec.podSelector') ?? null,
              policyTypes: effectivePolicyTypes(denying[0]),
              ingress: getPath(denying[0].body, 'spec.ingress') ?? null,
            },
          },
        ],
      );
    }
    return warn(
      policies.length === 0
        ? 'The namespace has no NetworkPolicy, so every pod accepts traffic from every pod.'
        : 'No NetworkPolicy of the namespace denies ingress to all pods by default.',
      [
        {
          resource: context.scope.namespace
            ? `Namespace/${context.scope.namespace}`
            : undefined,
          path: 'NetworkPolicy spec',
          observed: policies.map(policy => policy.name),
          expected: { podSelector: {}, policyTypes: ['Ingress'], ingress: [] },
          elements: policies.map(policy => policy.name),
        },
      ],
      'no-default-deny',
    );
  },
};
