import { Evidence, KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome } from '../../outcomes';
import {
  getPath,
  isJsonObject,
  objectsAt,
  parseBoolean,
  stringsAt,
} from '../../../resources/json';
import { annotation, objectRef } from './kubernetesObjects';
import { elementFromFindings, podTlsFinding } from './findings';

const ALLOW_HTTP = 'kubernetes.io/ingress.allow-http';

/** Controller annotations that, set to true, redirect plain HTTP to HTTPS. */
const SSL_REDIRECT_ANNOTATIONS = [
  'nginx.ingress.kubernetes.io/force-ssl-redirect',
  'nginx.ingress.kubernetes.io/ssl-redirect',
  'appgw.ingress.kubernetes.io/ssl-redirect',
];

const TRAEFIK_ENTRYPOINTS = 'traefik.ingress.kubernetes.io/router.entrypoints';
const TRAEFIK_TLS = 'traefik.ingress.kubernetes.io/router.tls';

export const ingressHttpsOnly: CheckDefinition = {
  id: 'ingress.k8s.ingress-https-only',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title:
    'Every Ingress and Traefik IngressRoute has TLS and rejects plain HTTP.',
  why: 'A controller route that also answers plain HTTP lets traffic skip TLS on the hop from the Application Gateway to the cluster.',
  remediation:
    'Give the Ingress a `spec.tls` entry and the annotation `kubernetes.io/ingress.allow-http: "false"`, and every Traefik IngressRoute a `spec.tls` section. A Traefik IngressRouteTCP without `spec.tls`, or with `passthrough: true`, needs pods that terminate TLS themselves.',
  documentationUrl: 'https://learn.microsoft.com/azure/aks/policy-reference',
  evaluate(context) {
    const lookup = context.kubernetes('Ingress');
    if (!lookup.found) {
      return lookup.outcome;
    }
    const routes = context.kubernetes('IngressRoute');
    const routeElements: ElementOutcome[] = routes.found
      ? routes.value.map(route => evaluateIngressRoute(route, context))
      : [{ element: 'IngressRoute objects', ...routes.outcome }];
    const tcpRoutes = context.kubernetes('IngressRouteTCP');
    const tcpRouteElements: ElementOutcome[] = tcpRoutes.found
      ? tcpRoutes.value.map(route => evaluateTcpRoute(route, context))
      : [{ element: 'IngressRouteTCP objects', ...tcpRoutes.outcome }];

    return combineElements(
      [
        ...lookup.value.map(ingress => evaluateIngress(ingress, context)),
        ...routeElements,
        ...tcpRouteElements,
      ],
      'The namespace has no Ingress and no Traefik IngressRoute or IngressRouteTCP.',
    );
  },
};

/**
 * Judges a Traefik IngressRoute: a router without `spec.tls` serves its
 * routes over plain HTTP on its entry points, and one with `spec.tls`
 * accepts only TLS connections.
 */
function evaluateIngressRoute(
  route: KubernetesResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(route, context);
  const tls = getPath(route.body, 'spec.tls');
  const entryPoints = stringsAt(route.body, 'spec.entryPoints');
  const on =
    entryPoints.length > 0
      ? `entry points ${entryPoints.join(', ')}`
      : 'every entry point';
  const evidence: Evidence = {
    resource: element,
    path: 'spec.tls',
    observed: tls ?? null,
    expected: 'a tls section',
  };

  if (tls === undefined || tls === null) {
    return {
      element,
      verdict: 'fail',
      message: `${element} has no spec.tls, so Traefik serves its routes over plain HTTP on ${on}.`,
      evidence: [evidence],
    };
  }
  return {
    element,
    verdict: 'pass',
    message: `${element} has spec.tls, so its router on ${on} accepts only TLS.`,
    evidence: [evidence],
  };
}

/**
 * Judges a Traefik IngressRouteTCP. One that terminates TLS accepts only
 * TLS connections. One without `spec.tls`, or with `passthrough: true`,
 * forwards each connection as it arrives, so the traffic is encrypted to
 * the pods only when they terminate TLS, which the entity declares.
 */
function evaluateTcpRoute(
  route: KubernetesResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(route, context);
  const tls = getPath(route.body, 'spec.tls');
  const passthrough =
    isJsonObject(tls) && parseBoolean(tls.passthrough) === true;
  if (isJsonObject(tls) && !passthrough) {
    return {
      element,
      verdict: 'pass',
      message: `${element} has spec.tls, so Traefik terminates TLS for its connections.`,
      evidence: [{ resource: element, path: 'spec.tls', observed: tls }],
    };
  }

  const forwarded = passthrough
    ? 'TLS passes through to the pods'
    : 'no spec.tls, so Traefik forwards each connection as it arrives';
  const finding = podTlsFinding(
    context.scope.tlsToPod,
    {
      resource: element,
      path: passthrough ? 'spec.tls.passthrough' : 'spec.tls',
      observed: passthrough ? true : tls ?? null,
    },
    {
      fail: `${forwarded}, but the pods do not terminate TLS, so the route carries traffic to them without TLS`,
      unknown: `${forwarded}, and whether the pods terminate TLS is not declared`,
      expected: 'a tls section without passthrough',
    },
  );
  return elementFromFindings(
    element,
    [finding],
    `${element}: ${forwarded}, and the pods terminate TLS.`,
  );
}

/**
 * Passes an Ingress as the built-in Azure Policy "Kubernetes clusters should
 * be accessible only over HTTPS" (1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d)
 * does: `spec.tls` is not empty and `kubernetes.io/ingress.allow-http` is
 * exactly the string "false".
 */
function evaluateIngress(
  ingress: KubernetesResource,
  context: EvaluationContext,
): ElementOutcome {
  const element = objectRef(ingress, context);
  const hasTls = objectsAt(ingress.body, 'spec.tls').length > 0;
  const allowHttp = annotation(ingress, ALLOW_HTTP);
  const allowHttpEvidence: Evidence = {
    resource: element,
    path: `metadata.annotations["${ALLOW_HTTP}"]`,
    observed: allowHttp ?? null,
    expected: 'false',
  };

  if (!hasTls) {
    return {
      element,
      verdict: 'fail',
      message: `${element} has no spec.tls, so it is served over plain HTTP.`,
      evidence: [
        {
          resource: element,
          path: 'spec.tls',
          observed: null,
          expected: 'at least one entry',
        },
        allowHttpEvidence,
      ],
    };
  }
  if (allowHttp === 'false') {
    return {
      element,
      verdict: 'pass',
      message: `${element} has TLS and ${ALLOW_HTTP} is "false".`,
      evidence: [allowHttpEvidence],
    };
  }
  if (allowHttp !== undefined) {
    return {
      element,
      verdict: 'fail',
      message: `${element} sets ${ALLOW_HTTP} to "${allowHttp}", which keeps a plain HTTP route open.`,
      evidence: [allowHttpEvidence],
    };
  }

  const signal = controllerHttpsOnlySignal(ingress, element);
  if (signal) {
    return {
      element,
      verdict: 'warn',
      reason: 'controller-specific-https-only',
      message: `${element} lacks ${ALLOW_HTTP}: "false"; only a controller-specific setting keeps it off plain HTTP.`,
      evidence: [allowHttpEvidence, signal],
    };
  }
  return {
    element,
    verdict: 'fail',
    message: `${element} has TLS but neither ${ALLOW_HTTP}: "false" nor a controller setting that rejects plain HTTP.`,
    evidence: [allowHttpEvidence],
  };
}

/**
 * Finds a controller-specific sign that the route rejects plain HTTP:
 * Traefik routers with `router.tls: "true"` on named entry points (such a
 * router matches only TLS connections), or an NGINX or AGIC ssl-redirect.
 */
function controllerHttpsOnlySignal(
  ingress: KubernetesResource,
  element: string,
): Evidence | undefined {
  const traefikTls = annotation(ingress, TRAEFIK_TLS);
  const entryPoints = (annotation(ingress, TRAEFIK_ENTRYPOINTS) ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(name => name.length > 0);
  if (parseBoolean(traefikTls) === true && entryPoints.length > 0) {
    return {
      resource: element,
      path: `metadata.annotations["${TRAEFIK_TLS}"]`,
      observed: traefikTls ?? null,
      note: `Traefik router on entry points ${entryPoints.join(
        ', ',
      )} accepts only TLS`,
    };
  }

  for (const key of SSL_REDIRECT_ANNOTATIONS) {
    const value = annotation(ingress, key);
    if (parseBoolean(value) === true) {
      return {
        resource: element,
        path: `metadata.annotations["${key}"]`,
        observed: value ?? null,
        note: 'the controller redirects plain HTTP to HTTPS',
      };
    }
  }
  return undefined;
}
