import { JsonObject } from '../../../types';
import { getPath, isJsonObject, stringAt } from '../../../resources/json';
import {
  GatewayModel,
  SubResource,
  referenceName,
} from '../appGateway/gatewayModel';

/**
 * The protection of a set of HTTPS listeners and path rules: a WAF policy,
 * the gateway's legacy WAF configuration, or nothing.
 */
export type WafAssignment =
  | {
      kind: 'policy';
      policyId: string;
      /** The property path of one place that sets the policy id. */
      path: string;
      targets: string[];
    }
  | { kind: 'legacy'; configuration: JsonObject; targets: string[] }
  | { kind: 'none'; targets: string[] };

/** A URL path map a rule names but the gateway does not define. */
export interface UnresolvedPathMap {
  target: string;
  path: string;
  mapName: string;
}

function policyIdAt(properties: JsonObject): string | undefined {
  const id = stringAt(properties, 'firewallPolicy.id');
  return id && id.trim() !== '' ? id : undefined;
}

/**
 * Finds the WAF protection of every served HTTPS listener and of each path
 * rule reached from it. A path rule's policy overrides its listener's, which
 * overrides the gateway's; the legacy configuration covers only what no
 * policy covers. Policy ids are grouped case-insensitively.
 */
export function wafAssignments(model: GatewayModel): {
  assignments: WafAssignment[];
  unresolved: UnresolvedPathMap[];
} {
  const gatewayPolicy = policyIdAt(model.properties);
  const legacy = model.properties.webApplicationFirewallConfiguration;
  const byPolicy = new Map<
    string,
    Extract<WafAssignment, { kind: 'policy' }>
  >();
  const uncovered: string[] = [];
  const unresolved: UnresolvedPathMap[] = [];

  const assign = (
    target: string,
    policyId: string | undefined,
    path: string,
  ) => {
    if (policyId === undefined) {
      uncovered.push(target);
      return;
    }
    const key = policyId.trim().replace(/\/+$/, '').toLowerCase();
    const existing = byPolicy.get(key);
    if (existing) {
      existing.targets.push(target);
    } else {
      byPolicy.set(key, { kind: 'policy', policyId, path, targets: [target] });
    }
  };

  for (const listener of model.servedHttpsListeners()) {
    const listenerPolicy = policyIdAt(listener.properties);
    const listenerPath = listenerPolicy
      ? `${listener.path}.properties.firewallPolicy.id`
      : 'properties.firewallPolicy.id';
    const effective = listenerPolicy ?? gatewayPolicy;
    assign(`listener ${listener.name}`, effective, listenerPath);

    for (const rule of model.rulesForListener(listener)) {
      const mapName = referenceName(rule, 'urlPathMap');
      if (mapName === undefined) {
        continue;
      }
      const map = model.find('urlPathMaps', mapName);
      if (!map) {
        unresolved.push({
          target: `listener ${listener.name}`,
          path: `${rule.path}.properties.urlPathMap.id`,
          mapName,
        });
        continue;
      }
      pathRuleAssignments(listener, map, effective, listenerPath, assign);
    }
  }

  const assignments: WafAssignment[] = [...byPolicy.values()];
  if (uncovered.length > 0) {
    assignments.push(
      isJsonObject(legacy)
        ? { kind: 'legacy', configuration: legacy, targets: uncovered }
        : { kind: 'none', targets: uncovered },
    );
  }
  return { assignments, unresolved };
}

function pathRuleAssignments(
  listener: SubResource,
  map: SubResource,
  listenerPolicy: string | undefined,
  listenerPath: string,
  assign: (target: string, policyId: string | undefined, path: string) => void,
): void {
  const pathRules = getPath(map.properties, 'pathRules');
  (Array.isArray(pathRules) ? pathRules : []).forEach((pathRule, index) => {
    if (!isJsonObject(pathRule)) {
      return;
    }
    const name =
      typeof pathRule.name === 'string' ? pathRule.name : `#${index}`;
    const properties = isJsonObject(pathRule.properties)
      ? pathRule.properties
      : {};
    const own = policyIdAt(properties);
    assign(
      `listener ${listener.name} path rule ${name} of path map ${map.name}`,
      own ?? listenerPolicy,
      own
        ? `${map.path}.properties.pathRules[${index}].properties.firewallPolicy.id`
        : listenerPath,
    );
  });
}

/** Lists the first targets of an assignment for a message. */
export function describeTargets(targets: string[]): string {
  const listed = targets.slice(0, 3).join(', ');
  return targets.length > 3
    ? `${listed} and ${targets.length - 3} more`
    : listed;
}
