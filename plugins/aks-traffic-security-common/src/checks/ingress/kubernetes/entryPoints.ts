import { KubernetesResource } from '../../../types';
import {
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { listOptionalKind } from './kubernetesObjects';
import {
  ControllerIdentity,
  ControllerKind,
  ControllerWorkload,
  controllerWorkloads,
  identifyGatewayController,
  identifyIngressController,
} from './ingressControllers';

/** The API group of the Kubernetes Gateway API. Istio has its own `Gateway` kind in another group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** An Ingress or Gateway of the service and the controller that serves it. */
export interface EntryPoint {
  resource: KubernetesResource;
  identity: ControllerIdentity;
}

/** The entry points of the service's namespace and their controllers. */
export interface EntryPoints {
  ingresses: EntryPoint[];
  gateways: EntryPoint[];
  /** The controller kinds identified for the Ingresses and Gateways. */
  kinds: Set<ControllerKind>;
  /** Ingresses and Gateways whose controller could not be identified. */
  unidentified: EntryPoint[];
}

/** Tells whether an object is a Gateway API object (`gateway.networking.k8s.io/*`). */
export function isGatewayApiObject(resource: KubernetesResource): boolean {
  return resource.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`);
}

/**
 * Reads the service namespace's Ingresses and Gateway API Gateways and
 * identifies the controller of each. The lookup is `unknown` when either
 * kind could not be listed.
 */
export function readEntryPoints(
  context: EvaluationContext,
): Lookup<EntryPoints> {
  const ingressLookup = context.kubernetes('Ingress');
  if (!ingressLookup.found) {
    return ingressLookup;
  }
  const gatewayLookup = listOptionalKind(context, 'Gateway');
  if (!gatewayLookup.found) {
    return gatewayLookup;
  }

  const ingresses = ingressLookup.value.map(resource => ({
    resource,
    identity: identifyIngressController(resource, context),
  }));
  const gateways = gatewayLookup.value
    .filter(isGatewayApiObject)
    .map(resource => ({
      resource,
      identity: identifyGatewayController(resource, context),
    }));
  const all = [...ingresses, ...gateways];
  const kinds = new Set(
    all
      .map(entry => entry.identity.kind)
      .filter((kind): kind is ControllerKind => kind !== undefined),
  );

  return {
    found: true,
    value: {
      ingresses,
      gateways,
      kinds,
      unidentified: all.filter(entry => entry.identity.kind === undefined),
    },
  };
}

/**
 * Returns the controller workloads that serve the entry points: those of
 * the identified kinds, or every controller workload read when the
 * namespace has no Ingress or Gateway to follow.
 */
export function servingControllers(
  entryPoints: EntryPoints,
  context: EvaluationContext,
): ControllerWorkload[] {
  const workloads = controllerWorkloads(context);
  const hasEntryPoints =
    entryPoints.ingresses.length + entryPoints.gateways.length > 0;
  return hasEntryPoints
    ? workloads.filter(workload => entryPoints.kinds.has(workload.kind))
    : workloads;
}
