import { JsonObject, KubernetesResource } from '../../../types';
import {
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { objectsAt, stringAt } from '../../../resources/json';
import {
  isInNamespace,
  listOptionalKind,
  namespaceOf,
  objectRef,
} from './kubernetesObjects';
import { GATEWAY_API_GROUP, isGatewayApiObject } from './entryPoints';

/** A Gateway listener (`spec.listeners[*]` of `gateway.networking.k8s.io/v1` Gateway). */
export interface Listener {
  gateway: KubernetesResource;
  index: number;
  name: string;
  /** `HTTP`, `HTTPS`, `TLS`, `TCP` or `UDP`, upper case. */
  protocol: string;
  port?: number;
  hostname?: string;
  /** `tls.mode`, which defaults to `Terminate`. */
  tlsMode: string;
  certificateRefs: JsonObject[];
  /** `allowedRoutes.namespaces.from`, which defaults to `Same`. */
  allowedFrom: string;
}

/** A `spec.parentRefs` entry of a route that points at a Gateway. */
export interface GatewayParentRef {
  index: number;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/**
 * The route kinds that attach to HTTP and HTTPS listeners. gRPC runs over
 * HTTP/2, so a GRPCRoute takes the same listeners as an HTTPRoute and is
 * judged the same way.
 */
export const HTTP_ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'] as const;

/**
 * Lists the namespace's HTTPRoutes and GRPCRoutes of the Gateway API. The
 * lookup is `unknown` when either kind could not be read.
 */
export function listHttpRoutes(
  context: EvaluationContext,
): Lookup<KubernetesResource[]> {
  const routes: KubernetesResource[] = [];
  for (const kind of HTTP_ROUTE_KINDS) {
    const listed = listOptionalKind(context, kind);
    if (!listed.found) {
      return listed;
    }
    routes.push(...listed.value.filter(isGatewayApiObject));
  }
  return { found: true, value: routes };
}

/** Returns the Gateway API HTTPRoutes and GRPCRoutes read in any namespace. */
export function httpRoutesInAnyNamespace(
  context: EvaluationContext,
): KubernetesResource[] {
  return HTTP_ROUTE_KINDS.flatMap(kind =>
    context.kubernetesInAnyNamespace(kind).filter(isGatewayApiObject),
  );
}

/** Returns the evidence name of a listener: `<namespace>/Gateway/<name>#<listener>`. */
export function listenerRef(
  listener: Listener,
  context: EvaluationContext,
): string {
  return `${objectRef(listener.gateway, context)}#${listener.name}`;
}

/** Reads the listeners of a Gateway. */
export function listenersOf(gateway: KubernetesResource): Listener[] {
  return objectsAt(gateway.body, 'spec.listeners').map((listener, index) => ({
    gateway,
    index,
    name: typeof listener.name === 'string' ? listener.name : `#${index}`,
    protocol: (stringAt(listener, 'protocol') ?? '').toUpperCase(),
    port: typeof listener.port === 'number' ? listener.port : undefined,
    hostname: stringAt(listener, 'hostname') || undefined,
    tlsMode: stringAt(listener, 'tls.mode') ?? 'Terminate',
    certificateRefs: objectsAt(listener, 'tls.certificateRefs'),
    allowedFrom: stringAt(listener, 'allowedRoutes.namespaces.from') ?? 'Same',
  }));
}

/** Returns a route's parent references that point at Gateways (the default kind). */
export function gatewayParentRefs(
  route: KubernetesResource,
  context: EvaluationContext,
): GatewayParentRef[] {
  return objectsAt(route.body, 'spec.parentRefs').flatMap((ref, index) => {
    const group = stringAt(ref, 'group') ?? GATEWAY_API_GROUP;
    const kind = stringAt(ref, 'kind') ?? 'Gateway';
    const name = stringAt(ref, 'name');
    if (group !== GATEWAY_API_GROUP || kind !== 'Gateway' || !name) {
      return [];
    }
    return [
      {
        index,
        namespace: stringAt(ref, 'namespace') ?? namespaceOf(route, context),
        name,
        sectionName: stringAt(ref, 'sectionName'),
        port: typeof ref.port === 'number' ? ref.port : undefined,
      },
    ];
  });
}

/** Finds the Gateway a parent reference names among the Gateways read in any namespace. */
export function findGateway(
  ref: GatewayParentRef,
  context: EvaluationContext,
): KubernetesResource | undefined {
  return context
    .kubernetesInAnyNamespace('Gateway')
    .filter(isGatewayApiObject)
    .find(
      gateway =>
        gateway.name === ref.name && isInNamespace(gateway, ref.namespace),
    );
}

/** Returns a route's `spec.hostnames`. */
export function routeHostnames(route: KubernetesResource): string[] {
  const hostnames =
    route.body.spec && (route.body.spec as JsonObject).hostnames;
  return Array.isArray(hostnames)
    ? hostnames.filter(
        (host): host is string => typeof host === 'string' && host !== '',
      )
    : [];
}

/**
 * Tells whether two Gateway API host names can match the same request. A
 * leading `*.` matches one or more labels, as the Gateway API defines it.
 */
function hostnamesIntersect(a: string, b: string): boolean {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  if (left === right) {
    return true;
  }
  if (left.startsWith('*.') && right.endsWith(left.slice(1))) {
    return true;
  }
  return right.startsWith('*.') && left.endsWith(right.slice(1));
}

/**
 * Returns the listeners of a Gateway that an HTTPRoute or a GRPCRoute attaches to through
 * one parent reference. A listener takes the route when `sectionName` and
 * `port` (if set) match it, it speaks HTTP or HTTPS, its `allowedRoutes`
 * admits the route's namespace, and its hostname intersects the route's.
 * `from: Selector` is treated as admitting the route, because namespace
 * labels are not read.
 */
export function attachedListeners(
  route: KubernetesResource,
  ref: GatewayParentRef,
  gateway: KubernetesResource,
  context: EvaluationContext,
): Listener[] {
  const routeNamespace = namespaceOf(route, context);
  const gatewayNamespace = namespaceOf(gateway, context);
  const hostnames = routeHostnames(route);

  return listenersOf(gateway).filter(listener => {
    if (ref.sectionName !== undefined && ref.sectionName !== listener.name) {
      return false;
    }
    if (ref.port !== undefined && ref.port !== listener.port) {
      return false;
    }
    if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS') {
      return false;
    }
    if (
      listener.allowedFrom === 'Same' &&
      routeNamespace !== undefined &&
      gatewayNamespace !== undefined &&
      routeNamespace !== gatewayNamespace
    ) {
      return false;
    }
    return (
      listener.hostname === undefined ||
      hostnames.length === 0 ||
      hostnames.some(host => hostnamesIntersect(listener.hostname!, host))
    );
  });
}

/**
 * Tells whether an HTTPRoute only redirects to HTTPS: it has rules, and
 * every rule has a `RequestRedirect` filter with `scheme: https`. A
 * GRPCRoute has no redirect filter, so it always serves its backends.
 */
export function isRedirectOnlyRoute(route: KubernetesResource): boolean {
  const rules = objectsAt(route.body, 'spec.rules');
  return (
    route.objectKind === 'HTTPRoute' &&
    rules.length > 0 &&
    rules.every(rule =>
      objectsAt(rule, 'filters').some(
        filter =>
          filter.type === 'RequestRedirect' &&
          stringAt(filter, 'requestRedirect.scheme')?.toLowerCase() === 'https',
      ),
    )
  );
}
