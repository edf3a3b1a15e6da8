import { KubernetesResource } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { lastIdSegment } from '../../../resources/armIds';
import { CheckOutcome } from '../../types';
import { unknown } from '../../outcomes';
import { isGatewayApiObject } from './entryPoints';
import { listOptionalKind, objectRef } from './kubernetesObjects';
import { isTraefikObject } from './traefikConfig';

/** The entry point kinds that the checks judge, each with a test of its API group. */
const JUDGED_ENTRY_POINTS: Array<{
  kind: string;
  isJudged: (resource: KubernetesResource) => boolean;
}> = [
  { kind: 'Ingress', isJudged: () => true },
  { kind: 'IngressRoute', isJudged: isTraefikObject },
  { kind: 'IngressRouteTCP', isJudged: isTraefikObject },
  { kind: 'Gateway', isJudged: isGatewayApiObject },
  { kind: 'HTTPRoute', isJudged: isGatewayApiObject },
  { kind: 'GRPCRoute', isJudged: isGatewayApiObject },
];

/** The API group of Istio's own Gateway and VirtualService kinds, which the checks do not judge. */
const ISTIO_API_GROUP = 'networking.istio.io';

/**
 * Returns an `unknown` outcome for a service whose entity names an
 * Application Gateway, when its namespace was read and contains no entry
 * point object that the checks judge. The gateway then sends the
 * traffic to something the checks cannot see, such as an Istio Gateway and
 * VirtualService, or routes in another namespace, so the in-cluster hop is
 * not known. Returns `undefined` otherwise, also when a list failed, because
 * the checks report that failure themselves.
 */
export function missingEntryPoint(
  context: EvaluationContext,
): CheckOutcome | undefined {
  const gatewayId = context.scope.gatewayId;
  if (!gatewayId || !context.resourceSet.kubernetesNamespaceRead) {
    return undefined;
  }

  for (const entry of JUDGED_ENTRY_POINTS) {
    const listed = listOptionalKind(context, entry.kind);
    if (!listed.found || listed.value.some(entry.isJudged)) {
      return undefined;
    }
  }

  const namespace = context.scope.namespace ?? '(not set)';
  const istio = ['Gateway', 'VirtualService'].flatMap(kind => {
    const listed = listOptionalKind(context, kind);
    return listed.found
      ? listed.value.filter(resource =>
          resource.apiVersion.startsWith(`${ISTIO_API_GROUP}/`),
        )
      : [];
  });
  return unknown(
    'entry-point-not-found',
    `Application Gateway ${lastIdSegment(
      gatewayId,
    )} serves this service, but namespace ${namespace} has no Ingress, Traefik IngressRoute or Gateway API Gateway or route, so the in-cluster hop cannot be judged.${
      istio.length > 0
        ? ` Istio's own Gateway and VirtualService objects are not judged.`
        : ''
    }`,
    [
      {
        resource: `Namespace/${namespace}`,
        observed: istio.map(resource => objectRef(resource, context)),
        expected:
          'an Ingress, IngressRoute, IngressRouteTCP, Gateway API Gateway, HTTPRoute or GRPCRoute',
        note: 'Routes in other namespaces and entry point kinds of other implementations are not read.',
      },
    ],
  );
}
