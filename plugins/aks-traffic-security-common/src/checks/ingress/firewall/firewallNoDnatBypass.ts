import { Evidence } from '../../../types';
import { fail, pass, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import { ipv4InNetwork, parseIpv4 } from '../shared/ipAddresses';
import { isUnderDomain } from '../appGateway/hostNames';
import { ClusterNetwork, clusterAddressSpace } from './clusterAddressSpace';
import { DnatRule, collectDnatRules } from './dnatRules';
import { azureFirewalls } from '../../egress/azureFirewalls';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';

function judgeRule(
  rule: DnatRule,
  networks: ClusterNetwork[],
  internalSuffix: string | undefined,
): CheckOutcome {
  const translated = `${
    rule.translatedAddress ?? rule.translatedFqdn ?? '(no target)'
  }:${rule.translatedPort ?? '(no port)'}`;
  const from =
    rule.sourceAddresses.length > 0
      ? rule.sourceAddresses.join(', ')
      : '(no source)';
  const ports = rule.destinationPorts.join(', ') || '(no port)';
  const evidence: Evidence[] = [
    {
      resource: rule.resource,
      path: rule.path,
      observed: {
        sourceAddresses: rule.sourceAddresses,
        destinationAddresses: rule.destinationAddresses,
        destinationPorts: rule.destinationPorts,
        translated,
      },
      expected: 'no DNAT rule',
      note:
        networks.length === 0
          ? 'The address space of the cluster nodes and internal load balancer was not available, so a translation into the cluster cannot be ruled out.'
          : undefined,
    },
  ];
  const summary = `DNAT rule ${rule.name} translates port ${ports} from ${from} to ${translated}`;

  const address = rule.translatedAddress
    ? parseIpv4(rule.translatedAddress)
    : undefined;
  const inCluster =
    address === undefined
      ? undefined
      : networks.find(network => ipv4InNetwork(address, network.network));
  if (inCluster) {
    return fail(
      `${summary}, inside ${inCluster.cidr} (${inCluster.source}); it is a second ingress path into the cluster that skips the gateway, its WAF and the TLS chain.`,
      evidence,
    );
  }
  if (
    rule.translatedFqdn &&
    internalSuffix &&
    isUnderDomain(rule.translatedFqdn, internalSuffix)
  ) {
    return fail(
      `${summary}, a name under the internal ingress domain ${internalSuffix}; it is a second ingress path into the cluster that skips the gateway, its WAF and the TLS chain.`,
      evidence,
    );
  }
  return warn(
    `${summary}; it is a second ingress path that skips the gateway, its WAF and the TLS chain.`,
    evidence,
    'dnat-rule',
  );
}

export const firewallNoDnatBypass: CheckDefinition = {
  id: 'ingress.firewall.no-dnat-bypass',
  flow: 'ingress',
  severity: 'medium',
  level: 'baseline',
  title: 'The firewall publishes no DNAT path around the gateway.',
  why: 'A DNAT rule on the hub firewall is a second ingress path that skips the Application Gateway, its WAF and the end-to-end TLS chain; the AKS baseline firewall has none.',
  remediation:
    'Publish workloads only through the Application Gateway and remove DNAT rules that translate to cluster addresses.',
  documentationUrl:
    'https://learn.microsoft.com/azure/firewall/tutorial-firewall-dnat',
  evaluate(context) {
    const outcome = judgeDnatRules(context);

    // A DNAT rule into the cluster fails from any firewall, but the absence
    // of one counts only when the cluster's own egress firewall was read.
    // Without the cluster, the firewalls read may belong to another network.
    if (outcome.verdict === 'pass') {
      const cluster = context.cluster();
      if (!cluster.found) {
        return cluster.outcome;
      }
      const egress = azureFirewalls(context);
      if (!egress.found) {
        return egress.outcome;
      }
    }
    return outcome;
  },
};

/** Judges the DNAT rules of the firewalls read against the service's addresses. */
function judgeDnatRules(context: EvaluationContext): CheckOutcome {
  // The cluster's addresses and the gateway's backends tie a firewall's
  // DNAT rules to the service; with neither read, a firewall of another
  // network would pass.
  const cluster = context.cluster();
  if (!cluster.found && !context.gateway().found) {
    return cluster.outcome;
  }

  const collected = collectDnatRules(context);
  if (!('rules' in collected)) {
    return collected;
  }

  const networks = clusterAddressSpace(context);
  const groups: GroupOutcome[] = collected.rules.map(rule => ({
    ...judgeRule(rule, networks, context.scope.internalDomainSuffix),
    elements: [rule.name],
  }));
  groups.push(...collected.unresolved);
  if (groups.length === 0) {
    return pass(
      `No DNAT rule is configured on ${collected.sources.length} firewall resource(s).`,
      [
        {
          resource: collected.sources[0],
          path: 'properties.natRuleCollections',
          observed: [],
          expected: 'no DNAT rule',
          elements: collected.sources,
        },
      ],
    );
  }
  // Unread groups and policies count among the elements, so the noun names
  // them too.
  return combineGroups(
    groups,
    'No DNAT rule is configured.',
    collected.unresolved.length > 0
      ? ['DNAT rule or unread rule source', 'DNAT rules or unread rule sources']
      : 'DNAT rule',
  );
}
