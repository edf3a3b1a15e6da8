import { Evidence, JsonObject, KubernetesResource } from '../../types';
import { CheckDefinition, CheckOutcome } from '../types';
import {
  combineElements,
  ElementOutcome,
  pass,
  unknown,
  warn,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { controllerWorkloads } from '../ingress/kubernetes/ingressControllers';
import {
  namespaceOf,
  objectRef,
} from '../ingress/kubernetes/kubernetesObjects';
import {
  exposedServices,
  podGroupsOf,
  podLabelsOf,
  podTemplatePath,
  readNamespaceWorkloads,
  unresolvedServiceMessage,
} from '../podToPod/exposedServices';
import { summarizeFindings } from '../podToPod/findings';
import { isEmptySelector } from '../podToPod/labelSelectors';
import {
  classifyPeer,
  matchKnownLabels,
  MatchResult,
  namespaceSelectorMatches,
  PodGroup,
  strongestMatch,
  PolicyRule,
  policiesFor,
  policyRules,
} from '../podToPod/networkPolicies';

const DNS_PORT = 53;
/** The port names of the CoreDNS container that serves kube-dns. */
const DNS_PORT_NAMES = ['dns', 'dns-tcp'];
const DNS_NAMESPACE = 'kube-system';
const DNS_POD_LABEL = 'k8s-app';
const DNS_POD_LABELS = { [DNS_POD_LABEL]: 'kube-dns' };

/** One workload whose egress is judged: pods known by their labels. */
interface Workload {
  name: string;
  pods: PodGroup;
}

/**
 * Returns the workloads to judge: the pods behind the Services that the
 * namespace's routes reach, or, in a namespace without routes, the pods of
 * every workload except ingress controllers.
 */
function workloadsToJudge(
  context: EvaluationContext,
): { workloads: Workload[]; unresolved: ElementOutcome[] } | CheckOutcome {
  const exposed = exposedServices(context);
  if (!exposed.found) {
    return exposed.outcome;
  }

  const workloads: Workload[] = [];
  const unresolved: ElementOutcome[] = [];
  for (const entry of exposed.value.services) {
    if (!entry.service) {
      unresolved.push({
        element: entry.name,
        ...unknown('unresolved-reference', unresolvedServiceMessage(entry), [
          { resource: `${entry.namespace ?? ''}/Service/${entry.name}` },
        ]),
      });
      continue;
    }
    for (const pods of podGroupsOf(entry.service, context)) {
      workloads.push({ name: entry.name, pods });
    }
  }
  if (exposed.value.services.length > 0) {
    return { workloads, unresolved };
  }

  const controllers = new Set(
    controllerWorkloads(context).map(controller => controller.workload),
  );
  const listed = readNamespaceWorkloads(context);
  unresolved.push(...listed.unread);
  for (const workload of listed.workloads) {
    if (!controllers.has(workload)) {
      workloads.push({
        name: workload.name,
        pods: {
          labels: podLabelsOf(workload),
          namespace: namespaceOf(workload, context),
          source: objectRef(workload, context),
          labelsPath: podTemplatePath(workload, 'metadata.labels'),
        },
      });
    }
  }
  return { workloads, unresolved };
}

/** Tells whether a rule's ports admit port 53 over a protocol. An empty list admits every port. */
function admitsDnsPort(rule: PolicyRule, protocol: 'UDP' | 'TCP'): boolean {
  if (rule.ports.length === 0) {
    return true;
  }
  return rule.ports.some(port => {
    const portProtocol =
      typeof port.protocol === 'string' ? port.protocol : 'TCP';
    if (portProtocol !== protocol) {
      return false;
    }
    const value = port.port;
    if (value === undefined || value === null) {
      return true;
    }
    if (typeof value === 'string') {
      return DNS_PORT_NAMES.includes(value) || value === String(DNS_PORT);
    }
    if (typeof value !== 'number') {
      return false;
    }
    const end = typeof port.endPort === 'number' ? port.endPort : value;
    return value <= DNS_PORT && DNS_PORT <= end;
  });
}

/** Tells whether a rule port admits port 53 alone, because a range that starts at 53 admits other ports too. */
function isDnsPortOnly(port: JsonObject): boolean {
  const isDnsPort =
    port.port === DNS_PORT || DNS_PORT_NAMES.includes(String(port.port));
  const endPort = port.endPort;
  return (
    isDnsPort &&
    (endPort === undefined || endPort === null || endPort === DNS_PORT)
  );
}

/**
 * Tells whether a rule's destinations include the cluster DNS pods: pods
 * labelled `k8s-app: kube-dns` in `kube-system`. Only that label and the
 * namespace name are known, so a selector on other labels stays unconfirmed.
 */
function reachesClusterDns(
  rule: PolicyRule,
  context: EvaluationContext,
): MatchResult {
  if (!rule.peers || rule.peers.length === 0) {
    return 'yes';
  }
  let result: MatchResult = 'no';
  for (const peer of rule.peers) {
    const scope = classifyPeer(peer);
    if (
      (scope.kind === 'everything' && scope.except.length === 0) ||
      scope.kind === 'all-pods'
    ) {
      return 'yes';
    }
    if (scope.kind !== 'pods') {
      // NOTE: an ipBlock is matched after the DNS Service IP is translated to pod IPs, which the manifests do not show.
      continue;
    }
    const podMatch = scope.podSelector
      ? matchKnownLabels(
          scope.podSelector,
          DNS_POD_LABELS,
          key => key === DNS_POD_LABEL,
        )
      : 'yes';
    let namespaceMatch: MatchResult =
      namespaceOf(rule.policy, context) === DNS_NAMESPACE ? 'yes' : 'no';
    if (scope.namespaceSelector) {
      namespaceMatch = namespaceSelectorMatches(
        scope.namespaceSelector,
        DNS_NAMESPACE,
        context,
      );
    }
    if (podMatch === 'yes' && namespaceMatch === 'yes') {
      return 'yes';
    }
    if (podMatch !== 'no' && namespaceMatch !== 'no') {
      result = 'unconfirmed';
    }
  }
  return result;
}

/** Judges one egress rule's destinations and returns `undefined` for DNS-only or named destinations. */
function judgeRule(
  rule: PolicyRule,
  context: EvaluationContext,
): CheckOutcome | undefined {
  const resource = objectRef(rule.policy, context);
  const evidence = (
    path: string,
    observed: Evidence['observed'],
  ): Evidence[] => [
    {
      resource,
      path,
      observed,
      expected: 'DNS or named destinations',
      elements: [rule.name],
    },
  ];

  if (!rule.peers || rule.peers.length === 0) {
    if (rule.ports.length === 0) {
      return warn(
        `Rule ${rule.name} allows egress to every destination on every port.`,
        evidence(rule.path, null),
        'egress-unrestricted',
      );
    }
    const dnsOnly = rule.ports.every(isDnsPortOnly);
    return dnsOnly
      ? undefined
      : warn(
          `Rule ${rule.name} allows its ports to every destination.`,
          evidence(`${rule.path}.ports`, rule.ports),
          'unnamed-destination',
        );
  }

  for (const [index, peer] of rule.peers.entries()) {
    const scope = classifyPeer(peer);
    if (scope.kind === 'everything') {
      return warn(
        `Rule ${rule.name} allows egress to every address (${scope.description}).`,
        evidence(`${rule.path}.to[${index}]`, peer as JsonObject),
        'egress-unrestricted',
      );
    }
    if (
      scope.kind === 'all-pods' ||
      (scope.kind === 'pods' &&
        isEmptySelector(scope.namespaceSelector) &&
        isEmptySelector(scope.podSelector))
    ) {
      return warn(
        `Rule ${rule.name} allows egress to every pod of the cluster.`,
        evidence(`${rule.path}.to[${index}]`, peer as JsonObject),
        'unnamed-destination',
      );
    }
  }
  return undefined;
}

function judgeWorkload(
  workload: Workload,
  policies: KubernetesResource[],
  context: EvaluationContext,
): CheckOutcome {
  const selecting = policiesFor(policies, workload.pods, 'Egress', context);
  if (selecting.length === 0) {
    return warn(
      `No NetworkPolicy restricts the egress of ${workload.name}.`,
      [
        {
          resource: workload.pods.source,
          path: workload.pods.labelsPath,
          observed: workload.pods.labels,
          expected:
            'a NetworkPolicy with policyTypes Egress selecting these pods',
        },
      ],
      'no-egress-policy',
    );
  }

  const rules = selecting.flatMap(policy => policyRules(policy, 'Egress'));
  const findings: CheckOutcome[] = [];
  for (const rule of rules) {
    const finding = judgeRule(rule, context);
    if (finding) {
      findings.push(finding);
    }
  }

  // An Egress policy denies everything it does not allow, DNS included.
  const dns = (['UDP', 'TCP'] as const).map(protocol => {
    const matches = rules
      .filter(rule => admitsDnsPort(rule, protocol))
      .map(rule => reachesClusterDns(rule, context));
    return { protocol, match: strongestMatch(matches) };
  });
  const blocked = dns
    .filter(entry => entry.match === 'no')
    .map(entry => entry.protocol);
  if (blocked.length > 0) {
    findings.unshift(
      warn(
        `The egress policies of ${workload.name} block DNS over ${blocked.join(
          ' and ',
        )} port 53 to the cluster DNS, so name resolution fails${
          blocked.length === 1 ? ' for some queries' : ''
        }.`,
        [
          {
            resource: workload.pods.source,
            path: 'NetworkPolicy egress',
            observed: selecting.map(policy => policy.name),
            expected:
              'egress to kube-system pods labelled k8s-app: kube-dns on UDP and TCP port 53',
            elements: selecting.map(policy => policy.name),
          },
        ],
        'dns-blocked',
      ),
    );
  }
  const unconfirmed = dns
    .filter(entry => entry.match === 'unconfirmed')
    .map(entry => entry.protocol);
  const summary: Evidence = {
    resource: workload.pods.source,
    path: 'NetworkPolicy',
    observed: selecting.map(policy => policy.name),
    note:
      unconfirmed.length > 0
        ? `DNS over ${unconfirmed.join(
            ' and ',
          )} is allowed to pods whose labels or namespace labels were not read; assumed to be the cluster DNS.`
        : undefined,
  };

  if (findings.length === 0) {
    return pass(
      `The egress of ${workload.name} is limited to DNS and named destinations.`,
      [summary],
    );
  }
  const outcome = summarizeFindings(workload.name, findings);
  return { ...outcome, evidence: [summary, ...outcome.evidence] };
}

export const egressNetworkPolicy: CheckDefinition = {
  id: 'egress.k8s.egress-network-policy',
  flow: 'egress',
  severity: 'medium',
  level: 'advisory',
  title: 'Workload egress is limited to DNS and named destinations.',
  why: 'Without an egress policy a compromised pod can reach every pod, the node network and, through the firewall rules it shares with the cluster, the internet; a deny that blocks DNS is soon deleted.',
  remediation:
    'Select the workload pods with an Egress NetworkPolicy that allows UDP and TCP port 53 to `k8s-app: kube-dns` pods in `kube-system` and otherwise only the Services the workload calls.',
  documentationUrl:
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  evaluate(context) {
    const policies = context.kubernetes('NetworkPolicy');
    if (!policies.found) {
      return policies.outcome;
    }
    const found = workloadsToJudge(context);
    if ('verdict' in found) {
      return found;
    }

    const outcomes: ElementOutcome[] = [
      ...found.unresolved,
      ...found.workloads.map(workload => ({
        element: workload.name,
        ...judgeWorkload(workload, policies.value, context),
      })),
    ];
    return combineElements(outcomes, 'The namespace has no workload to judge.');
  },
};
