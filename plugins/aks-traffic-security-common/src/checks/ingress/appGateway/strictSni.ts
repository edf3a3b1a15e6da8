import { Evidence } from '../../../types';
import { getPath, parseBoolean } from '../../../resources/json';
import { fail, pass, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import { GatewayModel, SubResource, servedGateway } from './gatewayModel';
import { isWildcardHost, listenerHostNames } from './hostNames';

function judgeListener(
  model: GatewayModel,
  listener: SubResource,
): CheckOutcome {
  const raw = getPath(listener.properties, 'requireServerNameIndication');
  // The API documents no default for the flag, so an absent value counts as false.
  const requiresSni = parseBoolean(raw) === true;
  const hosts = listenerHostNames(listener.properties);
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${listener.path}.properties.requireServerNameIndication`,
      observed: raw ?? null,
      expected: true,
    },
    {
      resource: model.resource.id,
      path: `${listener.path}.properties.hostNames`,
      observed: hosts,
      expected: 'at least one explicit host name',
    },
  ];

  const problems: string[] = [];
  if (!requiresSni) {
    problems.push(
      `does not require SNI (requireServerNameIndication is ${
        raw === undefined ? 'absent' : String(raw)
      })`,
    );
  }
  if (hosts.length === 0) {
    problems.push(
      'is a basic listener with no host name, so it is the catch-all whose certificate and routes answer clients that send no or an unknown server name',
    );
  }
  if (problems.length > 0) {
    return fail(
      `HTTPS listener ${listener.name} ${problems.join(' and ')}.`,
      evidence,
    );
  }

  // Application Gateway does not accept both on one listener (its
  // multiple-site hosting documentation), so such a file never deploys.
  const hostNames = listener.properties.hostNames;
  if (
    typeof listener.properties.hostName === 'string' &&
    listener.properties.hostName.trim() !== '' &&
    Array.isArray(hostNames) &&
    hostNames.length > 0
  ) {
    return warn(
      `HTTPS listener ${
        listener.name
      } sets both hostName and hostNames (${hosts.join(
        ', ',
      )}), which Application Gateway does not accept together; keep one of them.`,
      evidence,
      'hostname-and-hostnames',
    );
  }

  if (hosts.every(isWildcardHost)) {
    return warn(
      `HTTPS listener ${
        listener.name
      } requires SNI but is bound only to wildcard host names (${hosts.join(
        ', ',
      )}), a broad certificate and routing scope.`,
      evidence,
      'wildcard-host',
    );
  }
  return pass(
    `HTTPS listener ${listener.name} requires SNI and is bound to ${hosts.join(
      ', ',
    )}.`,
    evidence,
  );
}

function judgedListeners(model: GatewayModel): SubResource[] {
  const listeners = [...model.servedHttpsListeners()];
  if (model.scoped) {
    // A basic HTTPS listener anywhere on the gateway also receives the
    // service's clients when they send no or an unknown server name.
    const seen = new Set(listeners.map(listener => listener.name));
    listeners.push(
      ...model
        .basicHttpListeners('Https')
        .filter(listener => !seen.has(listener.name)),
    );
  }
  return listeners;
}

export const strictSni: CheckDefinition = {
  id: 'ingress.appgw.strict-sni',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'HTTPS listeners are host-bound and require SNI.',
  why: 'Strict SNI binds every HTTPS listener to explicit host names so that there is no catch-all certificate or route; a basic HTTPS listener answers any client whose server name matches no other listener.',
  remediation:
    "Use multi-site listeners with `hostName: 'app.contoso.com'` and `requireServerNameIndication: true`, and remove basic HTTPS listeners.",
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/multiple-site-overview',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    const groups: GroupOutcome[] = judgedListeners(model).map(listener => ({
      ...judgeListener(model, listener),
      elements: [listener.name],
    }));
    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no HTTPS listener that serves the service.`,
    );
  },
};
