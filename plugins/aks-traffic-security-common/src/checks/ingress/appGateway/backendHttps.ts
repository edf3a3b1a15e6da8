import { Evidence } from '../../../types';
import { stringAt } from '../../../resources/json';
import { fail, pass, unknown, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import { GatewayModel, servedGateway } from './gatewayModel';
import {
  backendRoutes,
  describeRoutes,
  routeProblems,
  SettingsUsage,
  settingsUsages,
} from './backendRoutes';

function judgeUsage(model: GatewayModel, usage: SettingsUsage): CheckOutcome {
  const used = `used by ${describeRoutes(usage.routes)}`;
  const label =
    usage.layer === 'http' ? 'Backend setting' : 'Layer-4 backend setting';
  if (!usage.settings) {
    return unknown(
      'unresolved-reference',
      `${label} ${usage.name} (${used}) is not defined on the gateway, so its protocol cannot be judged.`,
      [
        {
          resource: model.resource.id,
          path: usage.routes[0].settingsPath,
          observed: usage.name,
          expected: 'a defined backend setting',
        },
      ],
    );
  }

  const settings = usage.settings;
  const protocol = stringAt(settings.properties, 'protocol');
  const port = settings.properties.port;
  const secure = usage.layer === 'http' ? 'Https' : 'Tls';
  const plain = usage.layer === 'http' ? 'Http' : 'Tcp';
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${settings.path}.properties.protocol`,
      observed: protocol ?? null,
      expected: secure,
      note: typeof port === 'number' ? `port ${port}` : undefined,
    },
  ];
  const onPort = typeof port === 'number' ? ` on port ${port}` : '';

  if (protocol?.toLowerCase() === secure.toLowerCase()) {
    if (port === 80) {
      return warn(
        `${label} ${settings.name} (${used}) uses ${protocol} on port 80, the plaintext HTTP port; check that the backend really serves TLS there.`,
        evidence,
        'tls-on-port-80',
      );
    }
    return pass(
      `${label} ${settings.name} (${used}) re-encrypts with ${protocol}${onPort}.`,
      evidence,
    );
  }
  if (protocol?.toLowerCase() === plain.toLowerCase()) {
    return fail(
      `${label} ${settings.name} (${used}) forwards plaintext ${protocol}${onPort} to the backend.`,
      evidence,
    );
  }
  return unknown(
    'missing-property',
    `${label} ${settings.name} (${used}) has protocol ${
      protocol ?? '(none)'
    }, so whether it re-encrypts cannot be judged.`,
    evidence,
  );
}

export const backendHttps: CheckDefinition = {
  id: 'ingress.appgw.backend-https',
  flow: 'ingress',
  severity: 'critical',
  level: 'required',
  title: 'Traffic is re-encrypted to the backend.',
  why: 'The target architecture re-encrypts from the gateway to the internal load balancer and ingress controller, so requests never cross the virtual network in plaintext.',
  remediation:
    "Set the backend settings used by every rule to `protocol: 'Https'` and `port: 443` (layer-4 settings: `protocol: 'Tls'`).",
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    const { routes, unresolved } = backendRoutes(model);
    const { usages, withoutSettings } = settingsUsages(model, routes);
    const groups: GroupOutcome[] = usages.map(usage => ({
      ...judgeUsage(model, usage),
      elements: [usage.name],
    }));
    groups.push(...routeProblems(model, withoutSettings, unresolved));

    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no routing rule that forwards the service's traffic to a backend.`,
      'backend setting',
    );
  },
};
