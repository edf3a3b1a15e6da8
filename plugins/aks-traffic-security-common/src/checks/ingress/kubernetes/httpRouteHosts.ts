import { KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome } from '../../outcomes';
import { kindReadFailure, objectRef } from './kubernetesObjects';
import { elementFromFindings, Finding, passFinding } from './findings';
import {
  INTERNAL_HOST_LABEL,
  internalHostProblem,
  trustedInternalDomain,
} from './hostNames';
import {
  attachedListeners,
  findGateway,
  gatewayParentRefs,
  isRedirectOnlyRoute,
  listenerRef,
  listHttpRoutes,
  routeHostnames,
} from './gatewayApi';

export const httpRouteHosts: CheckDefinition = {
  id: 'ingress.k8s.httproute-hosts',
  flow: 'ingress',
  severity: 'medium',
  level: 'required',
  title:
    'Every HTTPRoute and GRPCRoute names explicit internal hosts and attaches only to HTTPS listeners.',
  why: 'A route without host names matches every host of its listener, a host outside the internal domain falls outside the wildcard certificate, and a route on a plain HTTP listener serves traffic without TLS.',
  remediation: `Set \`spec.hostnames\` to hosts such as \`<app>.${INTERNAL_HOST_LABEL}.contoso.com\` and attach the route with \`parentRefs[*].sectionName\` to an HTTPS listener; on HTTP use only a RequestRedirect to https.`,
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/gateway/',
  evaluate(context) {
    const routes = listHttpRoutes(context);
    if (!routes.found) {
      return routes.outcome;
    }
    const domain = trustedInternalDomain(context);
    if (!domain.found && routes.value.length > 0) {
      return domain.outcome;
    }
    const suffix = domain.found ? domain.value : undefined;
    return combineElements(
      routes.value.map(route => evaluateRoute(route, suffix, context)),
      'The namespace has no HTTPRoute or GRPCRoute.',
    );
  },
};

function evaluateRoute(
  route: KubernetesResource,
  suffix: string | undefined,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(route, context);
  const findings = [
    ...hostFindings(route, element, suffix),
    ...parentFindings(route, element, context),
  ];

  return elementFromFindings(
    element,
    findings,
    `${element} names internal hosts and attaches only to HTTPS listeners.`,
  );
}

function hostFindings(
  route: KubernetesResource,
  element: string,
  suffix: string | undefined,
): Finding[] {
  const hostnames = routeHostnames(route);
  if (hostnames.length === 0) {
    return [
      {
        verdict: 'fail',
        text: 'spec.hostnames is empty, so the route matches every host of its listeners',
        evidence: {
          resource: element,
          path: 'spec.hostnames',
          observed: null,
          expected: 'explicit host names',
        },
      },
    ];
  }

  return hostnames.map((host, index) => {
    const problem = internalHostProblem(host, suffix);
    return problem
      ? {
          verdict: 'fail' as const,
          text: problem,
          evidence: {
            resource: element,
            path: `spec.hostnames[${index}]`,
            observed: host,
            note: problem,
          },
        }
      : passFinding({
          resource: element,
          path: `spec.hostnames[${index}]`,
          observed: host,
        });
  });
}

function parentFindings(
  route: KubernetesResource,
  element: string,
  context: EvaluationContext,
): Finding[] {
  const refs = gatewayParentRefs(route, context);
  if (refs.length === 0) {
    return [
      {
        verdict: 'warn',
        reason: 'route-not-attached',
        text: 'the route names no parent Gateway',
        evidence: {
          resource: element,
          path: 'spec.parentRefs',
          observed: null,
        },
      },
    ];
  }

  const redirectOnly = isRedirectOnlyRoute(route);
  return refs.map(ref => {
    const path = `spec.parentRefs[${ref.index}]`;
    const observed = `${ref.namespace ?? '(namespace unknown)'}/Gateway/${
      ref.name
    }${ref.sectionName ? `#${ref.sectionName}` : ''}`;
    const gateway = findGateway(ref, context);
    if (!gateway) {
      const failure = kindReadFailure(context, 'Gateway');
      return {
        verdict: 'unknown' as const,
        reason: failure?.reason ?? 'unresolved-reference',
        text: `parent Gateway ${observed} was not read`,
        evidence: {
          resource: element,
          path,
          observed,
          note: failure?.message ?? 'unresolved reference',
        },
      };
    }

    const listeners = attachedListeners(route, ref, gateway, context);
    const plaintext = listeners.filter(
      listener => listener.protocol !== 'HTTPS',
    );
    if (listeners.length === 0) {
      return {
        verdict: 'warn' as const,
        reason: 'route-not-attached',
        text: `no listener of ${observed} accepts the route`,
        evidence: {
          resource: element,
          path,
          observed,
          note: 'no listener matches sectionName, port, namespace and hostnames',
        },
      };
    }
    if (plaintext.length > 0 && !redirectOnly) {
      const names = plaintext.map(listener => listenerRef(listener, context));
      return {
        verdict: 'fail' as const,
        text: `the route attaches to plain HTTP listeners ${names.join(', ')}`,
        evidence: {
          resource: element,
          path,
          observed,
          expected: 'HTTPS listeners only',
          note: `plaintext listeners: ${names.join(', ')}`,
        },
      };
    }
    return passFinding({
      resource: element,
      path,
      observed: listeners.map(listener => listenerRef(listener, context)),
    });
  });
}
