import { Evidence, KubernetesResource } from '../../types';
import { CheckDefinition, CheckOutcome } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  notApplicable,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { stringAt } from '../../resources/json';
import { cidrContains, isAnyAddress, parseCidr } from '../../resources/cidr';
import {
  namespaceOf,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import { CONTROLLER_DESCRIPTIONS } from '../ingress/kubernetes/ingressControllers';
import {
  AllowList,
  controllerAllowLists,
  controllerServices,
} from './controllerAllowLists';
import {
  ControllerPods,
  ServingControllers,
  servingControllers,
} from './ingressControllerPods';
import { GatewaySubnet, gatewaySubnet } from './gatewaySubnet';
import { hostNetworkUse } from './hostNetworkUse';
import {
  classifyPeer,
  policiesFor,
  policyRules,
  selectsAnyNamespace,
} from './networkPolicies';

/** The effect of the controller namespace's NetworkPolicies on the controller pods. */
type PolicyRestriction =
  /** `admitsPods` is true when pod or namespace selector peers also admit some pods. */
  | { status: 'restricted'; evidence: Evidence[]; admitsPods: boolean }
  | { status: 'open'; evidence: Evidence[] }
  /** ipBlocks exist, but the App Gateway subnet is not known to compare them with. */
  | { status: 'unconfirmed'; evidence: Evidence[] }
  /** The controller runs in another namespace whose NetworkPolicies were not read. */
  | { status: 'not-read'; evidence: Evidence[] };

function policyRestriction(
  pods: ControllerPods,
  subnet: GatewaySubnet | undefined,
  context: EvaluationContext,
): PolicyRestriction {
  // A NetworkPolicy without metadata.namespace is taken to be in the
  // service's namespace. When that namespace is not known, such a policy may
  // be anywhere, so it counts only for controller pods without a namespace.
  const serviceNamespace = context.scope.namespace;
  const inServiceNamespace =
    pods.namespace === undefined || pods.namespace === serviceNamespace;

  let policies: KubernetesResource[];
  if (inServiceNamespace) {
    const lookup = context.kubernetes('NetworkPolicy');
    if (!lookup.found) {
      return { status: 'not-read', evidence: lookup.outcome.evidence };
    }
    policies = lookup.value;
  } else {
    policies = context
      .kubernetesInAnyNamespace('NetworkPolicy')
      .filter(policy => namespaceOf(policy, context) === pods.namespace);
    if (policies.length === 0) {
      return {
        status: 'not-read',
        evidence: [
          {
            resource: `Namespace/${pods.namespace}`,
            note: `No NetworkPolicy of the controller namespace ${pods.namespace} was read.`,
          },
        ],
      };
    }
  }

  const selecting = policiesFor(policies, pods, 'Ingress', context);
  if (selecting.length === 0) {
    return {
      status: 'open',
      evidence: [
        {
          resource: pods.source,
          path: 'NetworkPolicy',
          observed: [],
          expected:
            'a NetworkPolicy of type Ingress selecting the controller pods',
        },
      ],
    };
  }

  const openings: Evidence[] = [];
  const unconfirmed: Evidence[] = [];
  const podPeers: Evidence[] = [];
  let admitsGateway = false;
  for (const rule of selecting.flatMap(policy =>
    policyRules(policy, 'Ingress'),
  )) {
    const resource = objectRef(rule.policy, context);
    if (!rule.peers || rule.peers.length === 0) {
      openings.push({
        resource,
        path: `${rule.path}.from`,
        observed: null,
        expected: 'an ipBlock of the App Gateway subnet',
        elements: [rule.name],
      });
      continue;
    }
    for (const [index, peer] of rule.peers.entries()) {
      const scope = classifyPeer(peer);
      const evidence = {
        resource,
        path: `${rule.path}.from[${index}]`,
        observed: peer,
        expected: subnet?.range.text ?? 'the App Gateway subnet',
        elements: [rule.name],
      };
      if (scope.kind === 'everything') {
        openings.push(evidence);
      } else if (scope.kind === 'ip-block') {
        const range = parseCidr(scope.cidr);
        if (!subnet) {
          unconfirmed.push(evidence);
        } else if (range && cidrContains(subnet.range, range)) {
          admitsGateway = true;
        } else {
          openings.push(evidence);
        }
      } else if (
        scope.kind === 'all-pods' ||
        selectsAnyNamespace(scope.namespaceSelector)
      ) {
        // Such a peer lets pods of any namespace bypass the gateway, so it counts as an opening like an over-broad ipBlock.
        openings.push({
          ...evidence,
          note: 'admits pods from every namespace that the namespaceSelector does not exclude',
        });
      } else {
        // A peer that names its namespaces is taken as a chosen exception, such as a metrics scraper.
        podPeers.push({
          ...evidence,
          note: 'admits only the pods this peer selects, which are not external clients',
        });
      }
    }
  }

  if (openings.length > 0) {
    return { status: 'open', evidence: openings };
  }
  if (unconfirmed.length > 0) {
    return { status: 'unconfirmed', evidence: unconfirmed };
  }
  return {
    status: 'restricted',
    admitsPods: podPeers.length > 0,
    evidence: [
      {
        resource: pods.source,
        path: 'NetworkPolicy',
        observed: selecting.map(policy => policy.name),
        expected: subnet?.range.text,
        note: admitsGateway
          ? `App Gateway subnet from ${subnet?.source}`
          : 'No rule admits the App Gateway subnet, so the gateway cannot reach the controller either.',
      },
      ...podPeers,
    ],
  };
}

/** Tells whether an allow-list restricts sources to the App Gateway subnet (or, with the subnet unknown, to something narrower than any address). */
function restrictsToGateway(
  allowList: AllowList,
  subnet: GatewaySubnet | undefined,
): boolean {
  if (allowList.ranges.length === 0) {
    return false;
  }
  return allowList.ranges.every(text => {
    const range = parseCidr(text);
    if (!range || isAnyAddress(range)) {
      return false;
    }
    return subnet ? cidrContains(subnet.range, range) : true;
  });
}

function judgeController(
  pods: ControllerPods,
  served: ServingControllers,
  subnet: GatewaySubnet | undefined,
  context: EvaluationContext,
): CheckOutcome {
  const name = objectRef(pods.controller.workload, context);
  const hostNetwork = hostNetworkUse(pods.controller.workload, name, name);
  if (hostNetwork.length > 0) {
    // Network plugins such as Azure NPM skip host-network pods, and a hostPort
    // opens the pod on its node's address, so the policies below would not hold.
    return fail(
      `${name} uses the node network (${hostNetwork
        .map(problem => problem.path!.split('.').pop())
        .join(
          ', ',
        )}), bypassing its NetworkPolicy and the internal load balancer.`,
      hostNetwork,
    );
  }

  const restriction = policyRestriction(pods, subnet, context);
  if (restriction.status === 'restricted') {
    const sources = restriction.admitsPods
      ? 'the App Gateway subnet and selected pods'
      : 'the App Gateway subnet';
    return pass(
      `A NetworkPolicy admits only ${sources} to ${name}.`,
      restriction.evidence,
    );
  }
  if (restriction.status === 'unconfirmed') {
    return unknown(
      'missing-gateway-subnet',
      `A NetworkPolicy restricts ${name} to address ranges, but the App Gateway subnet is not known to compare them with.`,
      restriction.evidence,
    );
  }

  const routes = [
    ...served.entryPoints.ingresses,
    ...served.entryPoints.gateways,
  ]
    .filter(
      entry =>
        entry.identity.kind === undefined ||
        entry.identity.kind === pods.controller.kind,
    )
    .map(entry => entry.resource);
  const allowLists = controllerAllowLists(pods.controller, routes, context);
  const restrictive = allowLists.filter(allowList =>
    restrictsToGateway(allowList, subnet),
  );
  const global = restrictive.some(allowList => allowList.route === undefined);
  const uncovered = routes.filter(
    route =>
      !global && !restrictive.some(allowList => allowList.route === route),
  );
  const allowListEvidence: Evidence[] = allowLists.map(allowList => ({
    resource: allowList.resource,
    path: allowList.path,
    observed: allowList.ranges,
    expected: subnet?.range.text ?? 'the App Gateway subnet',
    elements: allowList.route
      ? [objectRef(allowList.route, context)]
      : undefined,
    note: restrictsToGateway(allowList, subnet)
      ? undefined
      : 'does not restrict sources to the App Gateway subnet',
  }));

  if (restrictive.length > 0 && uncovered.length === 0) {
    const notes: Evidence[] = [];
    if (!subnet) {
      notes.push({
        note: 'The App Gateway subnet is not known, so the allowed ranges were not compared with it.',
      });
    }
    const reachableServices = controllerServices(
      pods.controller,
      context,
    ).filter(service =>
      ['LoadBalancer', 'NodePort'].includes(
        stringAt(service.body, 'spec.type') ?? '',
      ),
    );
    for (const service of reachableServices) {
      const policy = stringAt(service.body, 'spec.externalTrafficPolicy');
      if (policy !== 'Local') {
        notes.push({
          resource: objectRef(service, context),
          path: 'spec.externalTrafficPolicy',
          observed: policy ?? null,
          expected: 'Local',
          note: 'Without Local, the controller sees node addresses instead of client addresses, and the allow-list cannot tell the gateway apart.',
        });
      }
    }
    const kinds = [
      ...(restrictive.some(allowList => allowList.loadBalancer)
        ? ['load balancer source ranges']
        : []),
      ...(restrictive.some(allowList => !allowList.loadBalancer)
        ? ['an L7 allow-list']
        : []),
    ];
    return warn(
      `${name} is limited to the App Gateway subnet only by ${kinds.join(
        ' and ',
      )}; no NetworkPolicy enforces it.`,
      [...restriction.evidence, ...allowListEvidence, ...notes],
      'allow-list-only',
    );
  }

  if (restriction.status === 'not-read') {
    return unknown(
      'missing-resource',
      `The NetworkPolicies of the controller namespace ${pods.namespace} were not read, and no allow-list restricts ${name} for every route.`,
      [...restriction.evidence, ...allowListEvidence],
    );
  }
  return fail(
    `Nothing restricts which sources reach ${name}; only the App Gateway should.`,
    [
      ...restriction.evidence,
      ...allowListEvidence,
      ...uncovered.map(route => ({
        resource: objectRef(route, context),
        note: 'route without a source allow-list',
        elements: [objectRef(route, context)],
      })),
    ],
  );
}

export const controllerIngressFromAppGw: CheckDefinition = {
  id: 'pod.k8s.controller-ingress-from-appgw',
  flow: 'pod-to-pod',
  severity: 'medium',
  level: 'baseline',
  title:
    'The ingress controller accepts traffic only from the App Gateway subnet.',
  why: 'If anything in the virtual network can reach the ingress controller, a client can skip the Application Gateway and its WAF; a NetworkPolicy enforces the restriction below the controller, where a misconfigured route cannot undo it.',
  remediation:
    'Run the controller pods without `hostNetwork` or `hostPort`, select them with a NetworkPolicy whose ingress peer is `ipBlock: {cidr: <App Gateway subnet>}`, and set `externalTrafficPolicy: Local` on the controller Service so client addresses are preserved.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
  evaluate(context) {
    const served = servingControllers(context);
    if (!served.found) {
      return served.outcome;
    }
    const { entryPoints, pods, externalKinds, unidentified } = served.value;

    if (entryPoints.ingresses.length + entryPoints.gateways.length === 0) {
      return notApplicable(
        'The namespace has no Ingress or Gateway, so no ingress controller serves it.',
      );
    }
    if (pods.length === 0) {
      if (externalKinds.length > 0 && !unidentified) {
        return notApplicable(
          `The service is served by ${externalKinds
            .map(kind => CONTROLLER_DESCRIPTIONS[kind])
            .join(' and ')}, with no in-cluster controller.`,
        );
      }
      return unknown(
        'missing-resource',
        "The ingress controller's Deployment was not read, so its sources cannot be judged.",
        entryPoints.unidentified.map(entry => entry.identity.evidence),
      );
    }

    const subnet = gatewaySubnet(context);
    const outcomes: ElementOutcome[] = pods.map(controller => ({
      element: objectRef(controller.controller.workload, context),
      ...judgeController(controller, served.value, subnet, context),
    }));
    return combineElements(
      outcomes,
      'No ingress controller serves the namespace.',
    );
  },
};
