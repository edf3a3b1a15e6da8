import { Evidence, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome } from '../../outcomes';
import { getPath, objectsAt } from '../../../resources/json';
import { objectRef } from './kubernetesObjects';
import {
  INTERNAL_HOST_LABEL,
  internalHostProblem,
  trustedInternalDomain,
} from './hostNames';

export const ingressHostDomain: CheckDefinition = {
  id: 'ingress.k8s.ingress-host-domain',
  flow: 'ingress',
  severity: 'medium',
  level: 'required',
  title:
    'Every Ingress host is explicit and inside the internal ingress domain.',
  why: 'Strict SNI at the ingress controller only works when every route names a host inside the scope of the wildcard certificate; a catch-all rule or default backend serves any host name.',
  remediation: `Give every rule and TLS entry a rendered host such as \`<app>.${INTERNAL_HOST_LABEL}.contoso.com\` under the internal domain, and remove \`spec.defaultBackend\`.`,
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#name-based-virtual-hosting',
  evaluate(context) {
    const lookup = context.kubernetes('Ingress');
    if (!lookup.found) {
      return lookup.outcome;
    }
    const domain = trustedInternalDomain(context);
    if (!domain.found && lookup.value.length > 0) {
      return domain.outcome;
    }
    const suffix = domain.found ? domain.value : undefined;
    return combineElements(
      lookup.value.map(ingress => evaluateIngress(ingress, suffix, context)),
      'The namespace has no Ingress.',
    );
  },
};

function evaluateIngress(
  ingress: KubernetesResource,
  suffix: string | undefined,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(ingress, context);
  const expected = suffix
    ? `a host ending in .${suffix.replace(/^\*?\./, '')}`
    : `a host of the form <service>.${INTERNAL_HOST_LABEL}.<domain>`;
  const problems: Evidence[] = [];

  if (getPath(ingress.body, 'spec.defaultBackend') !== undefined) {
    problems.push({
      resource: element,
      path: 'spec.defaultBackend',
      observed: 'set',
      expected: 'absent',
      note: 'the default backend serves every host and path that no rule matches',
    });
  }

  const hosts: Array<{ host: string | undefined; path: string }> = [
    ...objectsAt(ingress.body, 'spec.rules').map((rule, index) => ({
      host:
        typeof rule.host === 'string' && rule.host !== ''
          ? rule.host
          : undefined,
      path: `spec.rules[${index}].host`,
    })),
    ...objectsAt(ingress.body, 'spec.tls').flatMap((entry, index) =>
      (Array.isArray(entry.hosts) ? entry.hosts : []).map(
        (host, hostIndex) => ({
          host: typeof host === 'string' ? host : undefined,
          path: `spec.tls[${index}].hosts[${hostIndex}]`,
        }),
      ),
    ),
  ];
  for (const { host, path } of hosts) {
    const problem =
      host === undefined
        ? 'the rule has no host, so it matches every host'
        : internalHostProblem(host, suffix);
    if (problem) {
      problems.push({
        resource: element,
        path,
        observed: host ?? null,
        expected,
        note: problem,
      });
    }
  }

  if (problems.length > 0) {
    return {
      element,
      verdict: 'fail',
      // A host in both a rule and the TLS list has one problem, named once.
      message: `${element}: ${[
        ...new Set(problems.map(problem => problem.note)),
      ].join('; ')}.`,
      evidence: problems,
    };
  }
  return {
    element,
    verdict: 'pass',
    message: `Every host of ${element} is explicit and inside the internal domain.`,
    evidence: [
      {
        resource: element,
        path: 'spec.rules[*].host',
        observed: hosts.map(item => item.host ?? null),
        expected,
      },
    ],
  };
}
