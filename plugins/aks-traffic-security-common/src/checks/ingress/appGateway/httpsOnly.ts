import { Evidence } from '../../../types';
import { getPath, stringAt } from '../../../resources/json';
import { fail, pass, unknown, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import {
  GatewayModel,
  SubResource,
  hasProtocol,
  referenceName,
  servedGateway,
} from './gatewayModel';
import { listenerElement } from './tlsPolicy';

/** The result of following a redirect: where it leads, or why it is not judged. */
type RedirectTarget =
  | { httpsListener: boolean; description: string }
  | { unresolved: string };

function redirectTarget(
  model: GatewayModel,
  redirectName: string,
): RedirectTarget {
  const redirect = model.find('redirectConfigurations', redirectName);
  if (!redirect) {
    return { unresolved: `redirect configuration ${redirectName}` };
  }

  const targetName = referenceName(redirect, 'targetListener');
  if (targetName === undefined) {
    const url = stringAt(redirect.properties, 'targetUrl');
    return {
      httpsListener: false,
      description: `redirect configuration ${redirect.name} leads to ${
        url ? `URL ${url}` : 'no target listener'
      }`,
    };
  }
  const target = model.find('httpListeners', targetName);
  if (!target) {
    return { unresolved: `listener ${targetName}` };
  }
  return {
    httpsListener: hasProtocol(target, 'Https'),
    description: `redirect configuration ${redirect.name} leads to listener ${
      target.name
    } (${stringAt(target.properties, 'protocol') ?? 'no protocol'})`,
  };
}

/**
 * Returns the redirects a rule sends its traffic to, or `undefined` when the
 * rule forwards some traffic to a backend.
 */
function redirectsOfRule(
  model: GatewayModel,
  rule: SubResource,
): string[] | { unresolved: string } | undefined {
  const direct = referenceName(rule, 'redirectConfiguration');
  if (direct !== undefined) {
    return [direct];
  }

  const mapName = referenceName(rule, 'urlPathMap');
  if (mapName === undefined) {
    return undefined;
  }
  const map = model.find('urlPathMaps', mapName);
  if (!map) {
    return { unresolved: `URL path map ${mapName}` };
  }
  const redirects: string[] = [];
  const defaultRedirect = referenceName(map, 'defaultRedirectConfiguration');
  if (defaultRedirect === undefined) {
    return undefined;
  }
  redirects.push(defaultRedirect);
  const pathRules = getPath(map.properties, 'pathRules');
  for (const pathRule of Array.isArray(pathRules) ? pathRules : []) {
    const name = stringAt(pathRule, 'properties.redirectConfiguration.id');
    if (name === undefined) {
      return undefined;
    }
    redirects.push(name);
  }
  return redirects;
}

function judgeHttpListener(
  model: GatewayModel,
  listener: SubResource,
): CheckOutcome {
  const port = model.find(
    'frontendPorts',
    referenceName(listener, 'frontendPort'),
  );
  const portNumber = port?.properties.port;
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${listener.path}.properties.protocol`,
      observed: 'Http',
      expected: 'Https',
      note:
        typeof portNumber === 'number'
          ? `frontend port ${portNumber}`
          : undefined,
    },
  ];
  const onPort = typeof portNumber === 'number' ? ` on port ${portNumber}` : '';

  const rules = model.rulesForListener(listener);
  if (rules.length === 0) {
    return fail(
      `Listener ${listener.name} accepts plaintext HTTP${onPort} and no routing rule uses it.`,
      evidence,
    );
  }

  // A rule that forwards plaintext fails at once; a reference that cannot be
  // followed makes the listener unknown only when no rule fails.
  const descriptions: string[] = [];
  let unresolved: CheckOutcome | undefined;
  for (const rule of rules) {
    const redirects = redirectsOfRule(model, rule);
    if (redirects === undefined) {
      return fail(
        `Listener ${listener.name} accepts plaintext HTTP${onPort} and rule ${rule.name} forwards it to a backend.`,
        evidence,
      );
    }
    const targets = Array.isArray(redirects)
      ? redirects.map(name => redirectTarget(model, name))
      : [redirects];
    for (const target of targets) {
      if ('unresolved' in target) {
        unresolved ??= unknown(
          'unresolved-reference',
          `Listener ${listener.name} accepts plaintext HTTP${onPort} and rule ${rule.name} refers to ${target.unresolved}, which is not defined on the gateway, so it cannot be told whether the rule only redirects.`,
          evidence,
        );
        continue;
      }
      if (!target.httpsListener) {
        return fail(
          `Listener ${listener.name} accepts plaintext HTTP${onPort} and rule ${rule.name} does not redirect to an HTTPS listener: ${target.description}.`,
          evidence,
        );
      }
      descriptions.push(target.description);
    }
  }

  if (unresolved) {
    return unresolved;
  }
  return warn(
    `Listener ${
      listener.name
    } accepts plaintext HTTP${onPort} and only redirects it to HTTPS (${descriptions.join(
      '; ',
    )}); the first request still travels unencrypted.`,
    evidence,
    'http-redirect',
  );
}

function judgeLayer4Listener(
  model: GatewayModel,
  listener: SubResource,
): CheckOutcome {
  const protocol = stringAt(listener.properties, 'protocol');
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${listener.path}.properties.protocol`,
      observed: protocol ?? null,
      expected: 'Tls',
    },
  ];
  if (protocol?.toLowerCase() === 'tls') {
    return pass(`Layer-4 listener ${listener.name} uses TLS.`, evidence);
  }
  if (protocol?.toLowerCase() === 'tcp') {
    return fail(
      `Layer-4 listener ${listener.name} accepts plaintext TCP.`,
      evidence,
    );
  }
  return unknown(
    'missing-property',
    `Layer-4 listener ${listener.name} has protocol ${
      protocol ?? '(none)'
    }, which is neither Tls nor Tcp.`,
    evidence,
  );
}

function judgeListeners(model: GatewayModel): GroupOutcome[] {
  const listeners = [...model.servedHttpListeners()];
  if (model.scoped) {
    // A basic HTTP listener receives every host no multi-site listener claims.
    const seen = new Set(listeners.map(listener => listener.name));
    listeners.push(
      ...model
        .basicHttpListeners('Http')
        .filter(listener => !seen.has(listener.name)),
    );
  }

  const groups: GroupOutcome[] = [];
  const https: string[] = [];
  for (const listener of listeners) {
    const protocol = stringAt(listener.properties, 'protocol');
    if (protocol?.toLowerCase() === 'https') {
      https.push(listener.name);
    } else if (protocol?.toLowerCase() === 'http') {
      groups.push({
        ...judgeHttpListener(model, listener),
        elements: [listener.name],
      });
    } else {
      groups.push({
        ...unknown(
          'missing-property',
          `Listener ${listener.name} has protocol ${
            protocol ?? '(none)'
          }, which is neither Http nor Https.`,
          [
            {
              resource: model.resource.id,
              path: `${listener.path}.properties.protocol`,
              observed: protocol ?? null,
              expected: 'Https',
            },
          ],
        ),
        elements: [listener.name],
      });
    }
  }
  if (https.length > 0) {
    groups.unshift({
      ...pass(`${https.length} listener(s) use HTTPS.`, [
        {
          resource: model.resource.id,
          path: 'properties.httpListeners[*].properties.protocol',
          observed: 'Https',
          expected: 'Https',
        },
      ]),
      elements: https,
    });
  }
  for (const listener of model.servedLayer4Listeners()) {
    groups.push({
      ...judgeLayer4Listener(model, listener),
      elements: [
        hasProtocol(listener, 'Tls')
          ? listenerElement(listener, true)
          : `${listener.name} (TCP listener)`,
      ],
    });
  }
  return groups;
}

export const httpsOnly: CheckDefinition = {
  id: 'ingress.appgw.https-only',
  flow: 'ingress',
  severity: 'critical',
  level: 'required',
  title: 'The gateway accepts only TLS-encrypted client requests.',
  why: 'The target architecture accepts only TLS-encrypted client requests; a plaintext listener exposes requests, cookies and credentials on the network.',
  remediation:
    'Delete HTTP listeners and port 80; if a redirect is unavoidable, keep the listener redirect-only to an HTTPS listener and send HSTS.',
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/redirect-overview',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    return combineGroups(
      judgeListeners(model),
      `Application Gateway ${model.resource.name} has no listener that serves the service.`,
    );
  },
};
