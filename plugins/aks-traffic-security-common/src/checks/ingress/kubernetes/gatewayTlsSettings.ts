import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { ElementOutcome } from '../../outcomes';
import { objectRef } from './kubernetesObjects';
import { EntryPoint } from './entryPoints';
import {
  attachedListeners,
  findGateway,
  gatewayParentRefs,
  Listener,
  listenersOf,
  listHttpRoutes,
} from './gatewayApi';
import {
  CONTROLLER_DESCRIPTIONS,
  identifyGatewayController,
  IN_CLUSTER_KINDS,
} from './ingressControllers';

// TODO: TLSRoutes, routes of other namespaces that name the namespace's
// Services, and Istio's own networking.istio.io Gateways are not followed,
// and the live reader does not list them.
/**
 * Judges the TLS settings of the Gateway API Gateways that serve the
 * namespace: its own Gateways and those its HTTPRoutes and GRPCRoutes attach to. The
 * Gateway API has no field for a minimum TLS version or cipher suites, and
 * each implementation keeps them in resources of its own, which are not
 * read. A Gateway whose proxy terminates TLS in the cluster therefore runs
 * with the implementation's defaults as far as the manifests show, which
 * is a warning, as for a Traefik option that pins no cipher suites, never a
 * pass. Application Gateway for Containers terminates TLS outside the
 * cluster, so its Gateways are left out.
 */
export function gatewayTlsElements(
  gateways: EntryPoint[],
  context: EvaluationContext,
): ElementOutcome[] {
  const elements: ElementOutcome[] = [];
  const judged = new Set<string>();
  const judge = (entry: EntryPoint, listeners: Listener[]) => {
    const element = objectRef(entry.resource, context);
    if (judged.has(element) || !listeners.some(terminatesTls)) {
      return;
    }
    judged.add(element);
    const outcome = judgeGateway(entry, element);
    if (outcome) {
      elements.push(outcome);
    }
  };
  gateways.forEach(entry => judge(entry, listenersOf(entry.resource)));

  const routes = listHttpRoutes(context);
  if (!routes.found) {
    return [
      ...elements,
      { element: 'HTTPRoute and GRPCRoute objects', ...routes.outcome },
    ];
  }
  for (const route of routes.value) {
    for (const ref of gatewayParentRefs(route, context)) {
      // A route counts only through the listeners it attaches to, since
      // a plaintext one is judged by ingress.k8s.httproute-hosts.
      const gateway = findGateway(ref, context);
      if (gateway) {
        judge(
          {
            resource: gateway,
            identity: identifyGatewayController(gateway, context),
          },
          attachedListeners(route, ref, gateway, context),
        );
        continue;
      }

      const routeRef = objectRef(route, context);
      const gatewayRef = `${ref.namespace ?? ''}/Gateway/${ref.name}`;
      elements.push({
        element: `${routeRef} on ${gatewayRef}`,
        verdict: 'unknown',
        reason: 'missing-resource',
        message: `${routeRef} attaches to ${gatewayRef}, which was not read, so the TLS settings of the proxy that serves it cannot be judged.`,
        evidence: [
          {
            resource: routeRef,
            path: `spec.parentRefs[${ref.index}]`,
            observed: gatewayRef,
            note: 'the Gateway was not read',
          },
        ],
      });
    }
  }
  return elements;
}

/** Judges a Gateway that terminates TLS. A Gateway served outside the cluster gives no outcome. */
function judgeGateway(
  entry: EntryPoint,
  element: string,
): ElementOutcome | undefined {
  const kind = entry.identity.kind;
  if (kind === undefined) {
    return unidentifiedController(entry, element);
  }
  if (!IN_CLUSTER_KINDS.has(kind)) {
    return undefined;
  }
  return {
    element,
    verdict: 'warn',
    reason: 'tls-settings-not-pinned',
    message: `${element} terminates TLS in the cluster through ${CONTROLLER_DESCRIPTIONS[kind]} with the implementation's default TLS versions and cipher suites. The Gateway API has no field to pin them, and the implementation's own settings are not read, so confirm them by hand.`,
    evidence: [entry.identity.evidence],
  };
}

/** Returns the `unknown` outcome of an Ingress or Gateway whose controller cannot be identified. */
export function unidentifiedController(
  entry: EntryPoint,
  element: string,
): ElementOutcome {
  return {
    element,
    verdict: 'unknown',
    reason: 'unidentified-controller',
    message: `The controller that serves ${element} cannot be identified, so its TLS settings cannot be judged.`,
    evidence: [entry.identity.evidence],
  };
}

/** Tells whether a listener terminates TLS: HTTPS, or TLS in `Terminate` mode. */
function terminatesTls(listener: Listener): boolean {
  return (
    listener.protocol === 'HTTPS' ||
    (listener.protocol === 'TLS' && listener.tlsMode === 'Terminate')
  );
}
