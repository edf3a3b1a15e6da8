import { Evidence, Verdict } from '../../../types';
import { objectsAt, parseBoolean, stringAt } from '../../../resources/json';
import { worstVerdict } from '../../../evaluator/verdicts';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import { isIpAddress } from '../shared/ipAddresses';
import { isUnderDomain } from './hostNames';
import { trustedInternalDomain } from '../kubernetes/hostNames';
import {
  GatewayModel,
  SubResource,
  hasProtocol,
  referenceName,
  servedGateway,
} from './gatewayModel';
import {
  SettingsUsage,
  backendRoutes,
  describeRoutes,
  routeProblems,
  settingsUsages,
  unresolvedSettings,
} from './backendRoutes';

interface Finding {
  verdict: Verdict;
  reason?: string;
  text: string;
  evidence: Evidence[];
}

/** Returns the addresses of the pools a setting is used with, or the missing pool names. */
function poolAddresses(
  model: GatewayModel,
  usage: SettingsUsage,
): { ips: string[]; fqdns: string[]; missing: string[] } {
  const ips: string[] = [];
  const fqdns: string[] = [];
  const missing: string[] = [];
  for (const name of usage.poolNames) {
    const pool = model.find('backendAddressPools', name);
    if (!pool) {
      missing.push(name);
      continue;
    }
    for (const address of objectsAt(pool.properties, 'backendAddresses')) {
      const fqdn = stringAt(address, 'fqdn');
      const ip = stringAt(address, 'ipAddress');
      if (ip) {
        ips.push(ip);
      }
      if (fqdn) {
        (isIpAddress(fqdn) ? ips : fqdns).push(fqdn);
      }
    }
  }
  return { ips, fqdns, missing };
}

function hostFindings(
  model: GatewayModel,
  usage: SettingsUsage,
  settings: SubResource,
  suffix: string | undefined,
): Finding[] {
  const hostName = stringAt(settings.properties, 'hostName') || undefined;
  const sniName = stringAt(settings.properties, 'sniName') || undefined;
  const pickRaw = settings.properties.pickHostNameFromBackendAddress;
  const pick = parseBoolean(pickRaw) === true;
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${settings.path}.properties`,
      observed: {
        hostName: hostName ?? null,
        sniName: sniName ?? null,
        pickHostNameFromBackendAddress: pickRaw ?? null,
      },
      expected:
        'hostName or sniName set, or pickHostNameFromBackendAddress with FQDN backends',
    },
  ];

  let names: string[];
  if (pick) {
    // With pickHostNameFromBackendAddress the Host header (and SNI unless
    // sniName is set) is each backend's own address.
    const { ips, fqdns, missing } = poolAddresses(model, usage);
    const poolEvidence: Evidence = {
      resource: model.resource.id,
      path: 'properties.backendAddressPools[*].properties.backendAddresses',
      observed: [...ips, ...fqdns],
      expected: 'FQDN addresses only',
      elements: usage.poolNames,
    };
    if (missing.length > 0) {
      return [
        {
          verdict: 'unknown',
          reason: 'unresolved-reference',
          text: `It picks the host name from backend pool ${missing.join(
            ', ',
          )}, which is not defined on the gateway.`,
          evidence: [...evidence, poolEvidence],
        },
      ];
    }
    if (ips.length > 0) {
      return [
        {
          verdict: 'fail',
          text: `It picks the host name from the backend address, and the pool contains IP addresses (${ips.join(
            ', ',
          )}), so Host and SNI become an IP address that the ingress certificate does not name.`,
          evidence: [...evidence, poolEvidence],
        },
      ];
    }
    if (fqdns.length === 0) {
      return [
        {
          verdict: 'not-applicable',
          text: 'It picks the host name from the backend address, but its pools have no addresses.',
          evidence: [...evidence, poolEvidence],
        },
      ];
    }
    names = sniName ? [sniName] : fqdns;
    evidence.push(poolEvidence);
  } else if (hostName || sniName) {
    names = [sniName ?? hostName!];
  } else {
    return [
      {
        verdict: 'warn',
        reason: 'client-host-forwarded',
        text: "It sets neither hostName nor sniName and does not pick the host name from the backend address, so the client's Host header is forwarded and must match the internal certificate.",
        evidence,
      },
    ];
  }

  if (suffix) {
    const outside = names.filter(name => !isUnderDomain(name, suffix));
    if (outside.length > 0) {
      return [
        {
          verdict: 'warn',
          reason: 'host-outside-internal-domain',
          text: `It sends ${outside.join(
            ', ',
          )}, which is not under the internal domain ${suffix} of the ingress certificate.`,
          evidence,
        },
      ];
    }
  }
  return [
    {
      verdict: 'pass',
      text: `It sends ${names.join(', ')} as the backend host name.`,
      evidence,
    },
  ];
}

function probeFindings(model: GatewayModel, settings: SubResource): Finding[] {
  const probeName = referenceName(settings, 'probe');
  if (probeName === undefined) {
    return [];
  }
  const probe = model.find('probes', probeName);
  const path = `${settings.path}.properties.probe.id`;
  if (!probe) {
    return [
      {
        verdict: 'unknown',
        reason: 'unresolved-reference',
        text: `Its health probe ${probeName} is not defined on the gateway.`,
        evidence: [
          {
            resource: model.resource.id,
            path,
            observed: probeName,
            expected: 'an entry of properties.probes',
          },
        ],
      },
    ];
  }
  if (hasProtocol(probe, 'Http')) {
    return [
      {
        verdict: 'warn',
        reason: 'http-probe',
        text: `Its health probe ${probe.name} uses plaintext HTTP.`,
        evidence: [
          {
            resource: model.resource.id,
            path: `${probe.path}.properties.protocol`,
            observed: 'Http',
            expected: 'Https',
          },
        ],
      },
    ];
  }
  return [];
}

function judgeUsage(
  model: GatewayModel,
  usage: SettingsUsage,
  settings: SubResource,
  suffix: string | undefined,
): CheckOutcome {
  const findings = [
    ...hostFindings(model, usage, settings, suffix),
    ...probeFindings(model, settings),
  ];
  const verdict = worstVerdict(findings.map(finding => finding.verdict));
  const reported =
    verdict === 'pass' || verdict === 'not-applicable'
      ? findings
      : findings.filter(finding => finding.verdict !== 'pass');
  const worst = findings.find(finding => finding.verdict === verdict)!;
  return {
    verdict,
    reason: worst.reason,
    message: `Backend setting ${settings.name} (used by ${describeRoutes(
      usage.routes,
    )}): ${reported.map(finding => finding.text).join(' ')}`,
    evidence: findings.flatMap(finding => finding.evidence),
  };
}

export const backendHostname: CheckDefinition = {
  id: 'ingress.appgw.backend-hostname',
  flow: 'ingress',
  severity: 'medium',
  level: 'baseline',
  title: 'The backend host/SNI matches the ingress certificate name.',
  why: 'The ingress controller presents a certificate for the internal domain (for example *.aks-ingress.contoso.com), so the Host header and SNI the gateway sends must be a name under it for validation and routing to work.',
  remediation:
    'Use FQDN backend addresses with `pickHostNameFromBackendAddress: true`, or set `hostName` to a name under the internal domain, and probe over HTTPS.',
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/configuration-http-settings',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;
    const domain = trustedInternalDomain(context);
    if (!domain.found) {
      return domain.outcome;
    }
    const suffix = domain.value;

    const { routes, unresolved } = backendRoutes(model);
    const { usages, withoutSettings } = settingsUsages(
      model,
      routes.filter(route => route.layer === 'http'),
    );
    const groups: GroupOutcome[] = routeProblems(
      model,
      withoutSettings,
      unresolved,
    );
    for (const usage of usages) {
      if (!usage.settings) {
        groups.push(unresolvedSettings(model, usage));
      } else if (hasProtocol(usage.settings, 'Https')) {
        groups.push({
          ...judgeUsage(model, usage, usage.settings, suffix),
          elements: [usage.name],
        });
      }
    }

    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no HTTPS backend setting that serves the service.`,
      'backend setting',
    );
  },
};
