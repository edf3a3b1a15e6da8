import { Evidence, JsonObject, KubernetesResource } from '../../../types';
import {
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome } from '../../outcomes';
import { objectsAt } from '../../../resources/json';
import { namespaceOf, objectRef } from './kubernetesObjects';
import { tlsHostCovers } from './hostNames';
import { spcSyncingSecret } from './secretProviderClasses';

export const ingressTls: CheckDefinition = {
  id: 'ingress.k8s.ingress-tls',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'Every Ingress terminates TLS for every host it routes.',
  why: 'The ingress controller is the second TLS hop after the Application Gateway; a host that no `spec.tls` entry covers is served without the intended certificate or over plain HTTP.',
  remediation:
    'Add `spec.tls` with every rule host in `hosts` (a wildcard `*.<domain>` covers one label), give every rule a `host`, and create the Secret a `secretName` refers to, preferably synced from Key Vault.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
  evaluate(context) {
    const lookup = context.kubernetes('Ingress');
    if (!lookup.found) {
      return lookup.outcome;
    }

    const secrets = context.kubernetes('Secret');
    return combineElements(
      lookup.value.map(ingress => evaluateIngress(ingress, secrets, context)),
      'The namespace has no Ingress.',
    );
  },
};

function evaluateIngress(
  ingress: KubernetesResource,
  secrets: Lookup<KubernetesResource[]>,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(ingress, context);
  const tls = objectsAt(ingress.body, 'spec.tls');
  if (tls.length === 0) {
    return {
      element,
      verdict: 'fail',
      message: `${element} has no spec.tls, so the controller serves it over plain HTTP.`,
      evidence: [
        {
          resource: element,
          path: 'spec.tls',
          observed: null,
          expected: 'at least one entry',
        },
      ],
    };
  }

  const tlsHosts = tls.flatMap(entry =>
    Array.isArray(entry.hosts)
      ? entry.hosts.filter((host): host is string => typeof host === 'string')
      : [],
  );
  const uncovered: Evidence[] = [];
  objectsAt(ingress.body, 'spec.rules').forEach((rule, index) => {
    const host =
      typeof rule.host === 'string' && rule.host !== '' ? rule.host : undefined;
    if (
      host === undefined ||
      !tlsHosts.some(tlsHost => tlsHostCovers(tlsHost, host))
    ) {
      uncovered.push({
        resource: element,
        path: `spec.rules[${index}].host`,
        observed: host ?? null,
        expected:
          tlsHosts.length > 0 ? tlsHosts : 'a host listed in spec.tls[*].hosts',
      });
    }
  });
  if (uncovered.length > 0) {
    const hosts = uncovered
      .map(item => item.observed ?? '(no host)')
      .join(', ');
    return {
      element,
      verdict: 'fail',
      message: `${element} has rules that no spec.tls entry covers: ${hosts}.`,
      evidence: uncovered,
    };
  }

  return checkSecrets(ingress, element, tls, secrets, context, tlsHosts);
}

// `secretName` may be omitted when the controller serves a default
// certificate, so only a named Secret that does not exist is reported.
function checkSecrets(
  ingress: KubernetesResource,
  element: string,
  tls: JsonObject[],
  secrets: Lookup<KubernetesResource[]>,
  context: EvaluationContext,
  tlsHosts: string[],
): ElementOutcome {
  const namespace = namespaceOf(ingress, context);
  const named = tls
    .map((entry, index) => ({ name: entry.secretName, index }))
    .filter(
      (entry): entry is { name: string; index: number } =>
        typeof entry.name === 'string' && entry.name !== '',
    );
  const missing = named.filter(
    entry =>
      !spcSyncingSecret(context, namespace, entry.name) &&
      !(
        secrets.found &&
        secrets.value.some(secret => secret.name === entry.name)
      ),
  );

  if (missing.length > 0 && !secrets.found) {
    return { element, ...secrets.outcome };
  }
  if (missing.length > 0) {
    return {
      element,
      verdict: 'warn',
      reason: 'missing-secret',
      message: `${element} names TLS Secrets that were not found in the namespace: ${missing
        .map(entry => entry.name)
        .join(', ')}.`,
      evidence: missing.map(entry => ({
        resource: element,
        path: `spec.tls[${entry.index}].secretName`,
        observed: entry.name,
        expected: 'an existing Secret, or one a SecretProviderClass syncs',
      })),
    };
  }

  return {
    element,
    verdict: 'pass',
    message: `${element} terminates TLS for every rule host.`,
    evidence: [
      { resource: element, path: 'spec.tls[*].hosts', observed: tlsHosts },
    ],
  };
}
