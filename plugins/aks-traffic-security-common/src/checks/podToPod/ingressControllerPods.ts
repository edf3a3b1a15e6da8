import { EvaluationContext, Lookup } from '../../evaluator/EvaluationContext';
import {
  labelsAt,
  listOptionalKind,
  namespaceOf,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import {
  isTraefikObject,
  TRAEFIK_ROUTE_KINDS,
} from '../ingress/kubernetes/traefikConfig';
import {
  ControllerKind,
  ControllerWorkload,
  controllerWorkloads,
  IN_CLUSTER_KINDS,
} from '../ingress/kubernetes/ingressControllers';
import {
  EntryPoints,
  readEntryPoints,
} from '../ingress/kubernetes/entryPoints';
import { PodGroup } from './networkPolicies';

/** A controller workload with the labels and namespace of its pods. */
export interface ControllerPods extends PodGroup {
  controller: ControllerWorkload;
}

/** The ingress controllers that serve the service's namespace. */
export interface ServingControllers {
  entryPoints: EntryPoints;
  /** Controller kinds that run outside the cluster (AGIC, Application Gateway for Containers). */
  externalKinds: ControllerKind[];
  /** The in-cluster controller pods that serve the entry points. */
  pods: ControllerPods[];
  /** True when an entry point's controller could not be identified, so every controller read counts. */
  unidentified: boolean;
}

/** Tells whether the namespace has Traefik IngressRoutes or IngressRouteTCPs, which only Traefik serves. */
function hasTraefikRoutes(context: EvaluationContext): boolean {
  return TRAEFIK_ROUTE_KINDS.some(kind => {
    const listed = listOptionalKind(context, kind);
    return listed.found && listed.value.some(isTraefikObject);
  });
}

/**
 * Finds the controllers that serve the namespace's Ingresses, Gateways and
 * Traefik routes.
 * When an entry point's controller cannot be identified from its class,
 * every in-cluster controller workload read is taken as a possible server.
 */
// TODO: a Gateway's own proxy pods (such as Istio's per-Gateway Deployment)
// and Gateways in other namespaces that HTTPRoutes attach to are not followed.
export function servingControllers(
  context: EvaluationContext,
): Lookup<ServingControllers> {
  const lookup = readEntryPoints(context);
  if (!lookup.found) {
    return lookup;
  }
  const entryPoints = lookup.value;

  const unidentified = entryPoints.unidentified.length > 0;
  const servedKinds = new Set(entryPoints.kinds);
  if (hasTraefikRoutes(context)) {
    servedKinds.add('traefik');
  }
  const kinds = [...servedKinds];
  const pods = controllerWorkloads(context)
    .filter(workload => IN_CLUSTER_KINDS.has(workload.kind))
    .filter(workload => unidentified || servedKinds.has(workload.kind))
    .map(controller => ({
      controller,
      labels: labelsAt(
        controller.workload.body,
        'spec.template.metadata.labels',
      ),
      namespace: namespaceOf(controller.workload, context),
      source: objectRef(controller.workload, context),
      labelsPath: 'spec.template.metadata.labels',
    }));

  return {
    found: true,
    value: {
      entryPoints,
      externalKinds: kinds.filter(kind => !IN_CLUSTER_KINDS.has(kind)),
      pods,
      unidentified,
    },
  };
}
