import { Evidence } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { CheckDefinition } from '../../types';
import { combineElements, ElementOutcome, unknown } from '../../outcomes';
import { booleanAt, stringAt } from '../../../resources/json';
import { objectRef } from './kubernetesObjects';
import { readEntryPoints, servingControllers } from './entryPoints';
import {
  CONTROLLER_DESCRIPTIONS,
  ControllerKind,
  controllerKindOf,
} from './ingressControllers';

/** The retirement notice of each controller kind that is no longer supported. */
const RETIREMENTS: Partial<Record<ControllerKind, string>> = {
  'ingress-nginx':
    'the project was retired in March 2026 and gets no security fixes',
  'app-routing-nginx': 'Microsoft support for it ended in November 2026',
};

export const unsupportedController: CheckDefinition = {
  id: 'ingress.k8s.unsupported-controller',
  flow: 'ingress',
  severity: 'high',
  level: 'baseline',
  title: 'The in-cluster entry point runs a supported ingress controller.',
  why: 'An ingress proxy that no longer receives security fixes sits in the path of every request to the service.',
  remediation:
    'Move the service to Traefik or to the Gateway API; AKS recommends the application routing Gateway API implementation.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/concepts-network-ingress',
  evaluate(context) {
    const entryPoints = readEntryPoints(context);
    if (!entryPoints.found) {
      return entryPoints.outcome;
    }

    const clusterNote = appRoutingNote(context);
    const elements: ElementOutcome[] = [
      ...[...entryPoints.value.ingresses, ...entryPoints.value.gateways].map(
        entry =>
          judge(
            objectRef(entry.resource, context),
            entry.identity.kind,
            entry.identity.evidence,
            clusterNote,
          ),
      ),
      ...servingControllers(entryPoints.value, context).map(controller =>
        judge(
          objectRef(controller.workload, context),
          controller.kind,
          {
            resource: objectRef(controller.workload, context),
            path: `spec.template.spec.containers[${String(
              controller.container.name,
            )}].image`,
            observed:
              typeof controller.container.image === 'string'
                ? controller.container.image
                : null,
          },
          clusterNote,
        ),
      ),
    ];

    // Without an Ingress or Gateway to follow, the IngressClasses read still
    // show which controllers the cluster runs.
    if (
      entryPoints.value.ingresses.length + entryPoints.value.gateways.length ===
      0
    ) {
      for (const ingressClass of context.kubernetesInAnyNamespace(
        'IngressClass',
      )) {
        const controller = stringAt(ingressClass.body, 'spec.controller');
        const resource = objectRef(ingressClass, context);
        elements.push(
          judge(
            resource,
            controller ? controllerKindOf(controller) : undefined,
            { resource, path: 'spec.controller', observed: controller ?? null },
            clusterNote,
          ),
        );
      }
    }

    if (elements.length === 0) {
      return unknown(
        'missing-resource',
        'No Ingress, Gateway, IngressClass or ingress controller workload was read, so the controller cannot be identified.',
        clusterNote ? [clusterNote] : [],
      );
    }
    return combineElements(elements, '');
  },
};

function judge(
  element: string,
  kind: ControllerKind | undefined,
  evidence: Evidence,
  clusterNote: Evidence | undefined,
): ElementOutcome {
  if (kind === undefined) {
    return {
      element,
      verdict: 'unknown',
      reason: 'unidentified-controller',
      message: `The controller behind ${element} cannot be identified.`,
      evidence: [evidence],
    };
  }

  const retirement = RETIREMENTS[kind];
  if (retirement) {
    return {
      element,
      verdict: 'fail',
      message: `${element} runs on ${CONTROLLER_DESCRIPTIONS[kind]}: ${retirement}.`,
      evidence:
        kind === 'app-routing-nginx' && clusterNote
          ? [evidence, clusterNote]
          : [evidence],
    };
  }
  return {
    element,
    verdict: 'pass',
    message: `${element} runs on ${CONTROLLER_DESCRIPTIONS[kind]}, which is supported.`,
    evidence: [evidence],
  };
}

/** Records that the cluster runs the application routing add-on, when the cluster was read. */
function appRoutingNote(context: EvaluationContext): Evidence | undefined {
  const cluster = context.cluster();
  if (!cluster.found) {
    return undefined;
  }
  const path = 'properties.ingressProfile.webAppRouting.enabled';
  return booleanAt(cluster.value.body, path) === true
    ? {
        resource: cluster.value.id,
        path,
        observed: true,
        note: 'the cluster runs the application routing add-on',
      }
    : undefined;
}
