import { getPath, isJsonObject, stringAt } from '../../../resources/json';
import { lastIdSegment } from '../../../resources/armIds';
import { unknown } from '../../outcomes';
import { GroupOutcome } from '../shared/combineGroups';
import { GatewayModel, SubResource, referenceName } from './gatewayModel';

/** One way traffic reaches a backend: the settings and pool a rule forwards to. */
export interface BackendRoute {
  /** `http` for request routing rules, `layer4` for TCP/TLS routing rules. */
  layer: 'http' | 'layer4';
  /** The rule and path rule the route comes from, such as `rule r1, path rule api of path map m1`. */
  via: string;
  /** The name of the backend settings, or `undefined` when the rule names none. */
  settingsName?: string;
  /** The property path of the settings reference. */
  settingsPath: string;
  poolName?: string;
  poolPath: string;
}

/** A routing reference that points at nothing on the gateway. */
export interface UnresolvedRoute {
  via: string;
  path: string;
  /** The missing sub-resource, such as `URL path map m1`. */
  missing: string;
}

/** The backend settings used by the served rules, with the pools they reach. */
export interface SettingsUsage {
  layer: 'http' | 'layer4';
  /** The settings name as referenced. */
  name: string;
  settings?: SubResource;
  routes: BackendRoute[];
  /** The distinct pool names the settings are used with. */
  poolNames: string[];
}

function pathRuleRoutes(rule: SubResource, map: SubResource): BackendRoute[] {
  const routes: BackendRoute[] = [];
  if (
    stringAt(map.properties, 'defaultRedirectConfiguration.id') === undefined
  ) {
    routes.push({
      layer: 'http',
      via: `rule ${rule.name} (default of path map ${map.name})`,
      settingsName: referenceName(map, 'defaultBackendHttpSettings'),
      settingsPath: `${map.path}.properties.defaultBackendHttpSettings.id`,
      poolName: referenceName(map, 'defaultBackendAddressPool'),
      poolPath: `${map.path}.properties.defaultBackendAddressPool.id`,
    });
  }

  const pathRules = getPath(map.properties, 'pathRules');
  (Array.isArray(pathRules) ? pathRules : []).forEach((pathRule, index) => {
    if (
      !isJsonObject(pathRule) ||
      stringAt(pathRule, 'properties.redirectConfiguration.id') !== undefined
    ) {
      return;
    }
    const settings = stringAt(pathRule, 'properties.backendHttpSettings.id');
    const pool = stringAt(pathRule, 'properties.backendAddressPool.id');
    const name =
      typeof pathRule.name === 'string' ? pathRule.name : `#${index}`;
    const path = `${map.path}.properties.pathRules[${index}].properties`;
    routes.push({
      layer: 'http',
      via: `rule ${rule.name}, path rule ${name} of path map ${map.name}`,
      settingsName: settings ? lastIdSegment(settings) : undefined,
      settingsPath: `${path}.backendHttpSettings.id`,
      poolName: pool ? lastIdSegment(pool) : undefined,
      poolPath: `${path}.backendAddressPool.id`,
    });
  });
  return routes;
}

/**
 * Follows the served routing rules to the backend settings and pools they
 * forward to. Redirect rules reach no backend.
 */
export function backendRoutes(model: GatewayModel): {
  routes: BackendRoute[];
  unresolved: UnresolvedRoute[];
} {
  const routes: BackendRoute[] = [];
  const unresolved: UnresolvedRoute[] = [];

  for (const rule of model.servedRequestRoutingRules()) {
    if (stringAt(rule.properties, 'redirectConfiguration.id') !== undefined) {
      continue;
    }
    const mapName = referenceName(rule, 'urlPathMap');
    if (mapName !== undefined) {
      const map = model.find('urlPathMaps', mapName);
      if (map) {
        routes.push(...pathRuleRoutes(rule, map));
      } else {
        unresolved.push({
          via: `rule ${rule.name}`,
          path: `${rule.path}.properties.urlPathMap.id`,
          missing: `URL path map ${mapName}`,
        });
      }
      continue;
    }
    routes.push({
      layer: 'http',
      via: `rule ${rule.name}`,
      settingsName: referenceName(rule, 'backendHttpSettings'),
      settingsPath: `${rule.path}.properties.backendHttpSettings.id`,
      poolName: referenceName(rule, 'backendAddressPool'),
      poolPath: `${rule.path}.properties.backendAddressPool.id`,
    });
  }

  for (const rule of model.servedRoutingRules()) {
    routes.push({
      layer: 'layer4',
      via: `layer-4 rule ${rule.name}`,
      settingsName: referenceName(rule, 'backendSettings'),
      settingsPath: `${rule.path}.properties.backendSettings.id`,
      poolName: referenceName(rule, 'backendAddressPool'),
      poolPath: `${rule.path}.properties.backendAddressPool.id`,
    });
  }
  return { routes, unresolved };
}

/**
 * Groups routes by the backend settings they use. Routes that name no
 * settings are returned separately.
 */
export function settingsUsages(
  model: GatewayModel,
  routes: BackendRoute[],
): { usages: SettingsUsage[]; withoutSettings: BackendRoute[] } {
  const usages = new Map<string, SettingsUsage>();
  const withoutSettings: BackendRoute[] = [];

  for (const route of routes) {
    if (route.settingsName === undefined) {
      withoutSettings.push(route);
      continue;
    }
    const key = `${route.layer}:${route.settingsName.toLowerCase()}`;
    let usage = usages.get(key);
    if (!usage) {
      const collection =
        route.layer === 'http'
          ? 'backendHttpSettingsCollection'
          : 'backendSettingsCollection';
      usage = {
        layer: route.layer,
        name: route.settingsName,
        settings: model.find(collection, route.settingsName),
        routes: [],
        poolNames: [],
      };
      usages.set(key, usage);
    }
    usage.routes.push(route);
    if (
      route.poolName !== undefined &&
      !usage.poolNames.some(
        name => name.toLowerCase() === route.poolName!.toLowerCase(),
      )
    ) {
      usage.poolNames.push(route.poolName);
    }
  }
  return { usages: [...usages.values()], withoutSettings };
}

/** Describes the rules that use some settings, for messages. */
export function describeRoutes(routes: BackendRoute[]): string {
  const listed = routes.slice(0, 3).map(route => route.via);
  const more = routes.length > 3 ? ` and ${routes.length - 3} more` : '';
  return `${listed.join('; ')}${more}`;
}

/**
 * Returns `unknown` outcomes for routes whose backend cannot be followed: a
 * rule that names no settings, or one that uses an undefined URL path map.
 */
export function routeProblems(
  model: GatewayModel,
  withoutSettings: BackendRoute[],
  unresolved: UnresolvedRoute[],
): GroupOutcome[] {
  const problems: GroupOutcome[] = [];
  for (const route of withoutSettings) {
    problems.push({
      ...unknown(
        'missing-property',
        `The ${route.via} names no backend settings, so its backend cannot be judged.`,
        [
          {
            resource: model.resource.id,
            path: route.settingsPath,
            observed: null,
            expected: 'a backend settings reference',
          },
        ],
      ),
      elements: [route.via],
    });
  }
  for (const item of unresolved) {
    problems.push({
      ...unknown(
        'unresolved-reference',
        `The ${item.via} uses ${item.missing}, which is not defined on the gateway, so its backend cannot be judged.`,
        [
          {
            resource: model.resource.id,
            path: item.path,
            observed: item.missing,
            expected: 'a defined URL path map',
          },
        ],
      ),
      elements: [item.via],
    });
  }
  return problems;
}

/**
 * Returns the `unknown` outcome for settings a rule names but the gateway
 * does not define.
 */
export function unresolvedSettings(
  model: GatewayModel,
  usage: SettingsUsage,
): GroupOutcome {
  return {
    ...unknown(
      'unresolved-reference',
      `Backend setting ${usage.name} (used by ${describeRoutes(
        usage.routes,
      )}) is not defined on the gateway, so it cannot be judged.`,
      [
        {
          resource: model.resource.id,
          path: usage.routes[0].settingsPath,
          observed: usage.name,
          expected: 'a defined backend setting',
        },
      ],
    ),
    elements: [usage.name],
  };
}
