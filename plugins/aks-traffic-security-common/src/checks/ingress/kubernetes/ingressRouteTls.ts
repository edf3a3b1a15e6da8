import {
  Evidence,
  JsonObject,
  JsonValue,
  KubernetesResource,
} from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { ElementOutcome } from '../../outcomes';
import {
  getPath,
  isJsonObject,
  objectsAt,
  parseBoolean,
} from '../../../resources/json';
import { annotation, namespaceOf, objectRef } from './kubernetesObjects';
import {
  DEFAULT_TLS_OPTION,
  TRAEFIK_API_VERSIONS,
  TraefikConfiguration,
  traefikValue,
} from './traefikConfig';
import { HostRouter, matchRuleHosts } from './sharedHostOptions';
import {
  evaluateTlsOptionReference,
  NamedRouterConfiguration,
  optionElement,
  routerConfigurations,
  servingTraefikControllers,
  unknownConfiguration,
} from './traefikRouterTls';

const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/**
 * The class that a Traefik CRD provider without `ingressClass` serves
 * besides routes of no class (`traefikDefaultIngressClass` in Traefik's
 * `pkg/provider/kubernetes/crd`).
 */
const TRAEFIK_DEFAULT_CLASS = 'traefik';

/** The TLS option that the router of an IngressRoute uses. */
interface RouteTlsOption {
  /** The name Traefik gives the option, such as `default` or `a0008-strict@kubernetescrd`. */
  reference: string;
  /**
   * The reason Traefik accepts the reference only with
   * `providers.kubernetesCRD.allowCrossNamespace`, if it needs that setting.
   */
  crossNamespace?: string;
  evidence: Evidence[];
}

type RouteTlsOptionLookup =
  | { valid: true; option: RouteTlsOption }
  | { valid: false; outcome: ElementOutcome };

/**
 * Judges the TLS option of each Traefik IngressRoute with `spec.tls` in
 * the service's namespace, as Traefik's CRD provider builds its router, and
 * of each IngressRouteTCP that terminates TLS. HTTP routes without TLS fail
 * `ingress.k8s.ingress-https-only` and are skipped.
 */
export function ingressRouteElements(
  traefik: TraefikConfiguration,
  sharedHosts: Map<string, Evidence[]>,
  context: EvaluationContext,
): ElementOutcome[] {
  const routes = context.kubernetes('IngressRoute');
  const tcpRoutes = context.kubernetes('IngressRouteTCP');
  return [
    ...(routes.found
      ? routes.value.flatMap(route =>
          evaluateIngressRoute(
            route,
            traefik,
            sharedHosts.get(objectRef(route, context)) ?? [],
            context,
          ),
        )
      : [{ element: 'IngressRoute objects', ...routes.outcome }]),
    ...(tcpRoutes.found
      ? tcpRoutes.value.flatMap(route =>
          evaluateTcpRoute(route, traefik, context),
        )
      : [{ element: 'IngressRouteTCP objects', ...tcpRoutes.outcome }]),
  ];
}

// TODO: which TLS option applies where an IngressRouteTCP and an HTTP
// router terminate TLS for the same host is not judged.
/**
 * Judges the TLS option of a Traefik IngressRouteTCP that terminates TLS.
 * A TCP router without `spec.tls` forwards the bytes as they arrive, and
 * one with `passthrough: true` forwards the TLS connection, so the pods
 * terminate TLS and Traefik's options do not apply. A TCP router uses its
 * own option for every name its `HostSNI` rule matches, `*` included.
 */
function evaluateTcpRoute(
  route: KubernetesResource,
  traefik: TraefikConfiguration,
  context: EvaluationContext,
): ElementOutcome[] {
  const read = readRouteOption(route, context);
  return 'option' in read
    ? judgeRouteOptions(route, read.element, [read.option], traefik, context)
    : read.outcomes;
}

/** The TLS option of a route that terminates TLS, or the outcomes that take its place. */
type RouteOptionRead =
  | { element: string; option: RouteTlsOption }
  | { outcomes: ElementOutcome[] };

/**
 * Reads the TLS option of an IngressRoute or IngressRouteTCP with
 * `spec.tls`. A route without TLS, or a TCP route that passes TLS
 * through, gives no outcome.
 */
function readRouteOption(
  route: KubernetesResource,
  context: EvaluationContext,
): RouteOptionRead {
  const tls = getPath(route.body, 'spec.tls');
  if (tls === undefined || tls === null) {
    return { outcomes: [] };
  }

  const element = objectRef(route, context);
  if (!TRAEFIK_API_VERSIONS.includes(route.apiVersion)) {
    return { outcomes: [unsupportedApiVersion(route, element)] };
  }
  if (
    route.objectKind === 'IngressRouteTCP' &&
    isJsonObject(tls) &&
    parseBoolean(tls.passthrough) === true
  ) {
    return { outcomes: [] };
  }
  const lookup = readRouteTlsOption(route, tls, element, context);
  return lookup.valid
    ? { element, option: lookup.option }
    : { outcomes: [lookup.outcome] };
}

/** Returns the host names, entry points and TLS option of each IngressRoute with valid TLS settings. */
export function ingressRouteHostRouters(
  context: EvaluationContext,
): HostRouter[] {
  const routes = context.kubernetes('IngressRoute');
  if (!routes.found) {
    return [];
  }

  return routes.value.flatMap(route => {
    const read = readRouteOption(route, context);
    if (!('option' in read)) {
      return [];
    }

    const entryPoints = getPath(route.body, 'spec.entryPoints');
    return [
      {
        element: read.element,
        hosts: objectsAt(route.body, 'spec.routes').flatMap(item =>
          typeof item.match === 'string' ? matchRuleHosts(item.match) : [],
        ),
        entryPoints:
          Array.isArray(entryPoints) && entryPoints.length > 0
            ? entryPoints.map(String)
            : undefined,
        option: read.option.reference.trim(),
      },
    ];
  });
}

/**
 * Judges one IngressRoute against each Traefik controller that serves its
 * class, else against every Traefik controller read.
 */
function evaluateIngressRoute(
  route: KubernetesResource,
  traefik: TraefikConfiguration,
  sharedHost: Evidence[],
  context: EvaluationContext,
): ElementOutcome[] {
  const read = readRouteOption(route, context);
  if (!('option' in read)) {
    return read.outcomes;
  }

  const { element, option } = read;
  const options = [option];
  if (
    !matchesOnlyNamedHosts(route) &&
    option.reference !== DEFAULT_TLS_OPTION
  ) {
    // Traefik picks TLS options by the SNI name, so a route whose rule
    // names no host gets default for every name no other router claims.
    options.push({
      reference: DEFAULT_TLS_OPTION,
      evidence: [
        {
          resource: element,
          path: 'spec.routes',
          note: 'a route rule names no Host, so names that no other router claims get TLS option default',
        },
      ],
    });
  }
  if (
    sharedHost.length > 0 &&
    !options.some(candidate => candidate.reference === DEFAULT_TLS_OPTION)
  ) {
    options.push({ reference: DEFAULT_TLS_OPTION, evidence: sharedHost });
  }
  return judgeRouteOptions(route, element, options, traefik, context);
}

/**
 * Judges the TLS options of a route's router against each Traefik
 * controller that serves the route's class, else against every Traefik
 * controller read.
 */
function judgeRouteOptions(
  route: KubernetesResource,
  element: string,
  options: RouteTlsOption[],
  traefik: TraefikConfiguration,
  context: EvaluationContext,
): ElementOutcome[] {
  const routeClass = ingressRouteClass(route);
  const controllers = servingTraefikControllers(
    staticConfig => servesRouteClass(staticConfig, routeClass),
    context,
  );
  return routerConfigurations(element, controllers, traefik, context).flatMap(
    named =>
      options.map(option =>
        evaluateRouteOption(
          {
            ...named,
            element: optionElement(
              named.element,
              option.reference,
              options.length,
            ),
          },
          option,
          context,
        ),
      ),
  );
}

/** Tells whether the match rule of every route of an IngressRoute has a `Host` matcher. */
function matchesOnlyNamedHosts(route: KubernetesResource): boolean {
  const routes = getPath(route.body, 'spec.routes');
  return (
    Array.isArray(routes) &&
    routes.length > 0 &&
    routes.every(
      item =>
        isJsonObject(item) &&
        typeof item.match === 'string' &&
        /\bHost\s*\(/.test(item.match),
    )
  );
}

function unsupportedApiVersion(
  route: KubernetesResource,
  element: string,
): ElementOutcome {
  return {
    element,
    verdict: 'unknown',
    reason: 'unsupported-route',
    message: `${element} has apiVersion ${
      route.apiVersion
    }, which is not a Traefik API version (${TRAEFIK_API_VERSIONS.join(
      ' or ',
    )}), so its TLS settings are not judged.`,
    evidence: [
      {
        resource: element,
        path: 'apiVersion',
        observed: route.apiVersion,
        expected: TRAEFIK_API_VERSIONS,
      },
    ],
  };
}

/**
 * Reads the TLS option that `spec.tls.options` names, as Traefik resolves
 * it. A name without `@` is a `TLSOption` in `namespace`, or in the
 * route's own namespace when `namespace` is unset or empty. A name with
 * `@`, such as `strict@file`, is used as it is and `namespace` is ignored.
 * Without `options`, or with an empty name, the router uses `default`.
 */
function readRouteTlsOption(
  route: KubernetesResource,
  tls: JsonValue,
  element: string,
  context: EvaluationContext,
): RouteTlsOptionLookup {
  if (!isJsonObject(tls)) {
    return invalidField(element, 'spec.tls', tls, 'an object');
  }
  const passthrough = passthroughEvidence(route, tls, element);

  const options = tls.options;
  if (options === undefined || options === null) {
    return defaultOption(element, null, passthrough);
  }
  if (!isJsonObject(options)) {
    return invalidField(
      element,
      'spec.tls.options',
      options,
      'an object whose name field names a TLSOption',
    );
  }
  const { name, namespace } = options;
  if (typeof name !== 'string') {
    return invalidField(
      element,
      'spec.tls.options.name',
      name,
      'the name of a TLSOption as a string',
    );
  }
  if (
    namespace !== undefined &&
    namespace !== null &&
    typeof namespace !== 'string'
  ) {
    return invalidField(
      element,
      'spec.tls.options.namespace',
      namespace,
      'a namespace name as a string',
    );
  }
  if (name === '') {
    return defaultOption(element, options, passthrough);
  }

  if (name.includes('@')) {
    // NOTE: Traefik releases before v2.11.46, v3.6.17 and v3.7.1 also
    // reject a reference to another provider, such as strict@file, unless
    // allowCrossNamespace is set. Such a route is judged as if it were served.
    return {
      valid: true,
      option: {
        reference: name,
        crossNamespace: name.endsWith('@kubernetescrd')
          ? 'a name with the @kubernetescrd suffix may name a TLSOption of any namespace'
          : undefined,
        evidence: [
          {
            resource: element,
            path: 'spec.tls.options',
            observed: options,
            note: `the router uses TLS option ${name}`,
          },
          ...passthrough,
        ],
      },
    };
  }

  const routeNamespace = namespaceOf(route, context);
  // crdTlsOption names a TLSOption of unknown namespace `default-<name>`,
  // so the route's reference uses the same fallback to match it.
  const optionNamespace = namespace || routeNamespace || 'default';
  const reference = `${optionNamespace}-${name}@kubernetescrd`;
  return {
    valid: true,
    option: {
      reference,
      crossNamespace:
        routeNamespace !== undefined && optionNamespace !== routeNamespace
          ? `TLSOption ${optionNamespace}/${name} is not in the route's namespace ${routeNamespace}`
          : undefined,
      evidence: [
        {
          resource: element,
          path: 'spec.tls.options',
          observed: options,
          note: `the router uses TLSOption ${optionNamespace}/${name}, which Traefik names ${reference}`,
        },
        ...passthrough,
      ],
    },
  };
}

/**
 * Returns the `default` TLS option of a route that names none. Traefik
 * gives a router the TLS settings of its entry point only when the router
 * has no TLS section of its own (`applyModel` in Traefik's `pkg/server`).
 * An IngressRoute with `spec.tls` has one, so the entry points'
 * `http.tls.options` do not apply.
 */
function defaultOption(
  element: string,
  options: JsonObject | null,
  passthrough: Evidence[],
): RouteTlsOptionLookup {
  return {
    valid: true,
    option: {
      reference: DEFAULT_TLS_OPTION,
      evidence: [
        {
          resource: element,
          path: 'spec.tls.options',
          observed: options,
          note: `spec.tls names no TLS option, so the router uses TLS option ${DEFAULT_TLS_OPTION}, not the http.tls options of its entry points`,
        },
        ...passthrough,
      ],
    },
  };
}

/**
 * Returns evidence for a `spec.tls.passthrough` field. Only IngressRouteTCP
 * defines that field. The IngressRoute schema has no such field, so the API
 * server prunes it or rejects the object, and Traefik terminates TLS for
 * the route with its TLS option.
 */
function passthroughEvidence(
  route: KubernetesResource,
  tls: JsonObject,
  element: string,
): Evidence[] {
  if (tls.passthrough === undefined || route.objectKind !== 'IngressRoute') {
    return [];
  }
  return [
    {
      resource: element,
      path: 'spec.tls.passthrough',
      observed: tls.passthrough,
      note: 'passthrough is a field of IngressRouteTCP only, so Traefik terminates TLS for this IngressRoute',
    },
  ];
}

function invalidField(
  element: string,
  path: string,
  value: JsonValue | undefined,
  expected: string,
): RouteTlsOptionLookup {
  const observed =
    value === undefined ? 'missing' : `set to ${JSON.stringify(value)}`;
  return {
    valid: false,
    outcome: {
      element,
      verdict: 'unknown',
      reason: 'invalid-document',
      message: `${path} of ${element} is ${observed}, but Traefik expects ${expected}, so the TLS option of the route cannot be judged.`,
      evidence: [
        { resource: element, path, observed: value ?? null, expected },
      ],
    },
  };
}

/**
 * Returns the class an IngressRoute requests, as Traefik's CRD provider
 * reads it: `spec.ingressClassName` (Traefik v3.7 and later), else the
 * `kubernetes.io/ingress.class` annotation, else no class.
 */
function ingressRouteClass(route: KubernetesResource): string {
  const specClass = getPath(route.body, 'spec.ingressClassName');
  if (typeof specClass === 'string') {
    return specClass;
  }
  return annotation(route, INGRESS_CLASS_ANNOTATION) ?? '';
}

/**
 * Tells whether a Traefik static configuration serves IngressRoutes of a
 * class: it enables the CRD provider, and its
 * `providers.kubernetesCRD.ingressClass` is the route's class, or is unset
 * while the route has no class or the class `traefik`.
 */
function servesRouteClass(
  staticConfig: JsonObject,
  routeClass: string,
): boolean {
  const provider = traefikValue(staticConfig, ['providers', 'kubernetesCRD']);
  if (provider === undefined || parseBoolean(provider) === false) {
    return false;
  }

  const watched = traefikValue(staticConfig, [
    'providers',
    'kubernetesCRD',
    'ingressClass',
  ]);
  const controllerClass = typeof watched === 'string' ? watched : '';
  return (
    controllerClass === routeClass ||
    (controllerClass === '' && routeClass === TRAEFIK_DEFAULT_CLASS)
  );
}

/** Judges the route's TLS option against one controller's configuration. */
function evaluateRouteOption(
  named: NamedRouterConfiguration,
  option: RouteTlsOption,
  context: EvaluationContext,
): ElementOutcome {
  const { element, router } = named;
  const evidence = [...option.evidence];
  if (option.crossNamespace !== undefined) {
    const acceptance = crossNamespaceAcceptance(
      named,
      option.crossNamespace,
      option,
      context,
    );
    if (!acceptance.accepted) {
      return acceptance.outcome;
    }
    evidence.push(acceptance.evidence);
  }

  return evaluateTlsOptionReference(
    element,
    option.reference,
    evidence,
    router,
    context,
  );
}

/**
 * Checks that the controller accepts a reference that may cross
 * namespaces, for the `reason` given. Traefik's CRD provider rejects such a
 * reference, and creates no router for the route, unless
 * `providers.kubernetesCRD.allowCrossNamespace` is true. That setting is
 * false by default.
 */
function crossNamespaceAcceptance(
  named: NamedRouterConfiguration,
  reason: string,
  option: RouteTlsOption,
  context: EvaluationContext,
):
  | { accepted: true; evidence: Evidence }
  | { accepted: false; outcome: ElementOutcome } {
  const { element } = named;
  const { controller } = named.router;
  if (!controller) {
    // NOTE: without the controller workload, a reference that Traefik
    // rejects is judged as if Traefik had accepted it.
    return {
      accepted: true,
      evidence: {
        resource: element,
        path: 'spec.tls.options',
        note: `Traefik accepts this reference only when providers.kubernetesCRD.allowCrossNamespace is true, because ${reason}. No Traefik controller workload was read to show that setting`,
      },
    };
  }

  const { staticConfig } = controller;
  if (!staticConfig.known) {
    return {
      accepted: false,
      outcome: unknownConfiguration(element, staticConfig, option.evidence),
    };
  }
  const allowed = traefikValue(staticConfig.config, [
    'providers',
    'kubernetesCRD',
    'allowCrossNamespace',
  ]);
  const allowedEvidence: Evidence = {
    resource: staticConfig.evidence.resource,
    path: `${staticConfig.evidence.path} providers.kubernetesCRD.allowCrossNamespace`,
    observed: allowed ?? null,
    expected: true,
  };
  if (parseBoolean(allowed) === true) {
    return { accepted: true, evidence: allowedEvidence };
  }

  const workload = objectRef(controller.controller.workload, context);
  return {
    accepted: false,
    outcome: {
      element,
      verdict: 'unknown',
      reason: 'unresolved-reference',
      message: `Traefik rejects TLS option ${option.reference} of ${element}, because ${reason} and ${workload} does not set providers.kubernetesCRD.allowCrossNamespace to true. Traefik then creates no router for the route.`,
      evidence: [...option.evidence, allowedEvidence],
    },
  };
}
