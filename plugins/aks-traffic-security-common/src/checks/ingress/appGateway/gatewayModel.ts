import { ArmResource, JsonObject } from '../../../types';
import {
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { unknown } from '../../outcomes';
import { CheckOutcome } from '../../types';
import {
  equalsIgnoreCase,
  getPath,
  isJsonObject,
  objectsAt,
  stringAt,
} from '../../../resources/json';
import { lastIdSegment } from '../../../resources/armIds';
import { listenerHostNames, lowerCaseHostsMatch } from './hostNames';

/** The sub-resource collections of an Application Gateway that the checks read. */
export type GatewayCollection =
  | 'httpListeners'
  | 'listeners'
  | 'frontendPorts'
  | 'sslProfiles'
  | 'sslCertificates'
  | 'trustedRootCertificates'
  | 'authenticationCertificates'
  | 'backendHttpSettingsCollection'
  | 'backendSettingsCollection'
  | 'backendAddressPools'
  | 'probes'
  | 'urlPathMaps'
  | 'redirectConfigurations'
  | 'requestRoutingRules'
  | 'routingRules';

const COLLECTIONS: GatewayCollection[] = [
  'httpListeners',
  'listeners',
  'frontendPorts',
  'sslProfiles',
  'sslCertificates',
  'trustedRootCertificates',
  'authenticationCertificates',
  'backendHttpSettingsCollection',
  'backendSettingsCollection',
  'backendAddressPools',
  'probes',
  'urlPathMaps',
  'redirectConfigurations',
  'requestRoutingRules',
  'routingRules',
];

/** One entry of a gateway sub-resource collection, such as a listener. */
export interface SubResource {
  name: string;
  /** The property path of the entry, such as `properties.httpListeners[0]`. */
  path: string;
  /** The entry's `properties` object (empty when absent). */
  properties: JsonObject;
}

/** Whether a gateway SKU belongs to the retired v1 family or the v2 family. */
export type SkuFamily = 'v1' | 'v2';

const V1_SKUS = new Set([
  'standard',
  'waf',
  'standard_small',
  'standard_medium',
  'standard_large',
  'waf_medium',
  'waf_large',
]);

/** Returns the SKU family of a tier or name, or `undefined` when unrecognised. */
export function skuFamilyOf(value: string | undefined): SkuFamily | undefined {
  if (value === undefined) {
    return undefined;
  }
  const lower = value.toLowerCase();
  if (V1_SKUS.has(lower)) {
    return 'v1';
  }
  // The Basic SKU is built on the v2 platform, like Standard_v2 and WAF_v2.
  if (lower.endsWith('_v2') || lower === 'basic') {
    return 'v2';
  }
  return undefined;
}

/**
 * An Application Gateway with its sub-resources indexed by name, and the part
 * of it that serves the assessed service. Every lookup is a map access, so
 * checks stay linear on gateways with hundreds of listeners.
 */
export class GatewayModel {
  readonly resource: ArmResource;
  readonly properties: JsonObject;
  readonly skuTier?: string;
  readonly skuName?: string;
  readonly skuFamily?: SkuFamily;
  /** The host names of the service, empty when the whole gateway is judged. */
  readonly serviceHostNames: string[];

  private readonly index: GatewayIndex;
  private served?: SubResource[];
  private servedLayer4?: SubResource[];

  constructor(resource: ArmResource, serviceHostNames: string[] = []) {
    this.resource = resource;
    this.properties = isJsonObject(resource.body.properties)
      ? resource.body.properties
      : {};
    this.skuTier = stringAt(this.properties, 'sku.tier');
    this.skuName = stringAt(this.properties, 'sku.name');
    this.skuFamily = skuFamilyOf(this.skuTier) ?? skuFamilyOf(this.skuName);
    this.serviceHostNames = serviceHostNames
      .map(host => host.trim())
      .filter(Boolean);
    this.index = indexOf(resource, this.properties);
  }

  /** Returns the paths of the collections that are present but not lists of objects. */
  malformedCollections(): string[] {
    return this.index.malformed;
  }

  /** Returns every entry of a collection. */
  list(collection: GatewayCollection): SubResource[] {
    return this.index.lists.get(collection) ?? [];
  }

  /**
   * Finds the entry a reference points to. A reference is an ARM id or an ARM
   * template expression; its last name segment is matched case-insensitively.
   */
  find(
    collection: GatewayCollection,
    reference: string | undefined,
  ): SubResource | undefined {
    if (!reference) {
      return undefined;
    }
    return this.index.byName
      .get(collection)
      ?.get(lastIdSegment(reference).toLowerCase());
  }

  /** Returns the request routing rules that use an HTTP listener. */
  rulesForListener(listener: SubResource): SubResource[] {
    return this.index.rulesByListener.get(listener.name.toLowerCase()) ?? [];
  }

  /** Returns the layer-4 routing rules that use a TCP/TLS listener. */
  layer4RulesForListener(listener: SubResource): SubResource[] {
    return (
      this.index.layer4RulesByListener.get(listener.name.toLowerCase()) ?? []
    );
  }

  /** Tells whether the checks judge only the listeners of some host names. */
  get scoped(): boolean {
    return this.serviceHostNames.length > 0;
  }

  /**
   * Returns the HTTP listeners that serve the service: those bound to one of
   * its host names, or every HTTP listener when no host names are given.
   * When no listener is bound to its host names, the basic (host-less)
   * listeners serve them, because a basic listener receives every host that
   * no multi-site listener claims.
   */
  servedHttpListeners(): SubResource[] {
    if (!this.served) {
      const listeners = this.list('httpListeners');
      const serviceHosts = this.serviceHostNames.map(host =>
        host.toLowerCase(),
      );
      if (!this.scoped) {
        this.served = listeners;
      } else {
        const bound = listeners.filter(listener =>
          this.hostNamesOf(listener).some(listenerHost =>
            serviceHosts.some(host => lowerCaseHostsMatch(listenerHost, host)),
          ),
        );
        this.served =
          bound.length > 0
            ? bound
            : listeners.filter(
                listener => this.hostNamesOf(listener).length === 0,
              );
      }
    }
    return this.served;
  }

  /**
   * Returns the layer-4 listeners that serve the service. They carry no host
   * names, so for a scoped service they are those whose layer-4 rules
   * forward to a backend pool that the served HTTP listeners reach: a
   * client reaches the service's pods through them too.
   */
  servedLayer4Listeners(): SubResource[] {
    if (!this.scoped) {
      return this.list('listeners');
    }
    if (!this.servedLayer4) {
      const pools = this.servedHttpPoolNames();
      this.servedLayer4 = this.list('listeners').filter(listener =>
        this.layer4RulesForListener(listener).some(rule => {
          const pool = referenceName(rule, 'backendAddressPool');
          return pool !== undefined && pools.has(pool.toLowerCase());
        }),
      );
    }
    return this.servedLayer4;
  }

  /**
   * Returns the names, in lower case, of the backend pools that the served
   * request routing rules forward to, directly or through a URL path map.
   */
  private servedHttpPoolNames(): Set<string> {
    const names: Array<string | undefined> = [];
    for (const rule of this.servedRequestRoutingRules()) {
      names.push(referenceName(rule, 'backendAddressPool'));

      const mapName = referenceName(rule, 'urlPathMap');
      const map = mapName ? this.find('urlPathMaps', mapName) : undefined;
      if (map) {
        names.push(referenceName(map, 'defaultBackendAddressPool'));
        for (const pathRule of objectsAt(map.properties, 'pathRules')) {
          const pool = stringAt(pathRule, 'properties.backendAddressPool.id');
          names.push(pool ? lastIdSegment(pool) : undefined);
        }
      }
    }
    return new Set(
      names.filter((name): name is string => !!name).map(n => n.toLowerCase()),
    );
  }

  /** Returns the served HTTP listeners with protocol `Https`. */
  servedHttpsListeners(): SubResource[] {
    return this.servedHttpListeners().filter(listener =>
      hasProtocol(listener, 'Https'),
    );
  }

  /** Returns the served layer-4 listeners with protocol `Tls`. */
  servedTlsListeners(): SubResource[] {
    return this.servedLayer4Listeners().filter(listener =>
      hasProtocol(listener, 'Tls'),
    );
  }

  /**
   * Returns the basic (host-less) HTTP listeners of a protocol. A basic
   * listener receives every host that no multi-site listener on its port
   * claims, so it also serves the service's host names.
   */
  basicHttpListeners(protocol: string): SubResource[] {
    return this.list('httpListeners').filter(
      listener =>
        hasProtocol(listener, protocol) &&
        this.hostNamesOf(listener).length === 0,
    );
  }

  /** Returns the host names an HTTP listener is bound to, in lower case, from the index. */
  private hostNamesOf(listener: SubResource): string[] {
    return this.index.hostNamesByListener.get(listener) ?? [];
  }

  /** Returns the request routing rules reached from the served HTTP listeners. */
  servedRequestRoutingRules(): SubResource[] {
    if (!this.scoped) {
      return this.list('requestRoutingRules');
    }
    return this.servedHttpListeners().flatMap(listener =>
      this.rulesForListener(listener),
    );
  }

  /** Returns the layer-4 routing rules reached from the served layer-4 listeners. */
  servedRoutingRules(): SubResource[] {
    if (!this.scoped) {
      return this.list('routingRules');
    }
    return this.servedLayer4Listeners().flatMap(listener =>
      this.layer4RulesForListener(listener),
    );
  }

  /**
   * Returns the `unknown` outcome for a scoped gateway on which no listener
   * serves any of the service's host names, or `undefined` when some does.
   */
  noMatchingListener(): CheckOutcome | undefined {
    if (!this.scoped || this.servedHttpListeners().length > 0) {
      return undefined;
    }
    const hosts = this.serviceHostNames.join(', ');
    return unknown(
      'no-matching-listener',
      `No listener of Application Gateway ${this.resource.name} is bound to the service's host names (${hosts}), so the listeners that serve the service cannot be judged.`,
      [
        {
          resource: this.resource.id,
          path: 'properties.httpListeners[*].properties.hostNames',
          observed: this.list('httpListeners').flatMap(listener =>
            listenerHostNames(listener.properties),
          ),
          expected: this.serviceHostNames,
        },
      ],
    );
  }
}

/** Tells whether a listener or setting has a protocol, compared case-insensitively. */
export function hasProtocol(entry: SubResource, protocol: string): boolean {
  return equalsIgnoreCase(stringAt(entry.properties, 'protocol'), protocol);
}

/** Returns the name an entry's reference property points to, or `undefined`. */
export function referenceName(
  entry: SubResource,
  path: string,
): string | undefined {
  const reference = stringAt(entry.properties, `${path}.id`);
  return reference ? lastIdSegment(reference) : undefined;
}

/** A gateway's sub-resources indexed by name and its rules by listener. */
interface GatewayIndex {
  lists: Map<GatewayCollection, SubResource[]>;
  byName: Map<GatewayCollection, Map<string, SubResource>>;
  rulesByListener: Map<string, SubResource[]>;
  layer4RulesByListener: Map<string, SubResource[]>;
  /** The host names of each HTTP listener in lower case, which every service's lookup compares. */
  hostNamesByListener: Map<SubResource, string[]>;
  /**
   * The paths of collections that are not lists of objects, or that are
   * missing though the REST API examples always list them.
   */
  malformed: string[];
}

/**
 * The index of each gateway resource. Every service behind a gateway is
 * assessed with the same resource object during a refresh, and the index
 * depends on the resource alone, so it is built once however many services
 * share the gateway. Resources are never changed after they are read.
 */
const indexes = new WeakMap<ArmResource, GatewayIndex>();

/** The collections whose entries each need a protocol. */
const PROTOCOL_COLLECTIONS: readonly GatewayCollection[] = [
  'httpListeners',
  'listeners',
  'backendHttpSettingsCollection',
  'backendSettingsCollection',
];

/** The collections whose absence leaves the listeners and rules unknown. */
const REQUIRED_COLLECTIONS: readonly GatewayCollection[] = [
  'httpListeners',
  'requestRoutingRules',
  'backendAddressPools',
  'backendHttpSettingsCollection',
];

function indexOf(resource: ArmResource, properties: JsonObject): GatewayIndex {
  const cached = indexes.get(resource);
  if (cached) {
    return cached;
  }

  const index: GatewayIndex = {
    lists: new Map(),
    byName: new Map(),
    rulesByListener: new Map(),
    layer4RulesByListener: new Map(),
    hostNamesByListener: new Map(),
    malformed: [],
  };
  if (!isJsonObject(resource.body.properties)) {
    index.malformed.push('properties');
  }
  for (const collection of COLLECTIONS) {
    const value = properties[collection];
    // NOTE: the REST API's GET examples list these collections on every
    // gateway, empty when unused, so a body without them is taken as cut
    // short. That is an observation, not a documented guarantee. The
    // layer-4 and other collections are newer or optional, so their
    // absence means none.
    const required = REQUIRED_COLLECTIONS.includes(collection);
    if (
      (required && !Array.isArray(value)) ||
      (value !== undefined &&
        value !== null &&
        !(Array.isArray(value) && value.every(isJsonObject)))
    ) {
      index.malformed.push(`properties.${collection}`);
    }

    const entries = objectsAt(properties, collection).map(
      (entry, position) => ({
        name: typeof entry.name === 'string' ? entry.name : `#${position}`,
        path: `properties.${collection}[${position}]`,
        properties: isJsonObject(entry.properties) ? entry.properties : {},
      }),
    );
    // Without its protocol, a listener or backend setting counts as neither
    // plaintext nor TLS, and every check would pass over it.
    if (PROTOCOL_COLLECTIONS.includes(collection)) {
      entries.forEach(entry => {
        if (typeof entry.properties.protocol !== 'string') {
          index.malformed.push(`${entry.path}.properties.protocol`);
        }
      });
    }
    index.lists.set(collection, entries);
    index.byName.set(
      collection,
      new Map(entries.map(entry => [entry.name.toLowerCase(), entry])),
    );
  }

  indexRules(
    index,
    'requestRoutingRules',
    'httpListener.id',
    index.rulesByListener,
  );
  indexRules(index, 'routingRules', 'listener.id', index.layer4RulesByListener);
  for (const listener of index.lists.get('httpListeners') ?? []) {
    index.hostNamesByListener.set(
      listener,
      listenerHostNames(listener.properties).map(host => host.toLowerCase()),
    );
  }
  indexes.set(resource, index);
  return index;
}

function indexRules(
  index: GatewayIndex,
  collection: GatewayCollection,
  listenerPath: string,
  byListener: Map<string, SubResource[]>,
): void {
  for (const rule of index.lists.get(collection) ?? []) {
    const reference = stringAt(rule.properties, listenerPath);
    if (!reference) {
      continue;
    }

    const key = lastIdSegment(reference).toLowerCase();
    const rules = byListener.get(key) ?? [];
    rules.push(rule);
    byListener.set(key, rules);
  }
}

const models = new WeakMap<EvaluationContext, Lookup<GatewayModel>>();

/**
 * Looks up the assessed gateway and builds its model, once per evaluation.
 * The model is scoped to the host names of the assessment scope.
 */
export function gatewayModel(context: EvaluationContext): Lookup<GatewayModel> {
  const cached = models.get(context);
  if (cached) {
    return cached;
  }

  const lookup = context.gateway();
  const result: Lookup<GatewayModel> = lookup.found
    ? checkedModel(
        new GatewayModel(lookup.value, context.scope.hostNames ?? []),
      )
    : lookup;
  models.set(context, result);
  return result;
}

/**
 * Returns the model, or `unknown` when a collection the checks read is not a
 * list of objects. Read as empty, such a collection would make every check
 * of its listeners or rules `not-applicable`.
 */
function checkedModel(model: GatewayModel): Lookup<GatewayModel> {
  const malformed = model.malformedCollections();
  if (malformed.length === 0) {
    return { found: true, value: model };
  }
  return {
    found: false,
    outcome: unknown(
      'unrecognised-value',
      `Application Gateway ${
        model.resource.name
      } lacks a readable ${malformed.join(
        ', ',
      )}, so its listeners and rules cannot be judged.`,
      malformed.map(path => ({
        resource: model.resource.id,
        path,
        observed: getPath(model.resource.body, path) ?? null,
        expected: path.endsWith('.protocol')
          ? 'a protocol, such as Https'
          : 'a list of objects',
      })),
    ),
  };
}

/**
 * Looks up the gateway for a check that judges the listeners serving the
 * service, returning `unknown` when no listener serves its host names.
 */
export function servedGateway(
  context: EvaluationContext,
): Lookup<GatewayModel> {
  const lookup = gatewayModel(context);
  if (!lookup.found) {
    return lookup;
  }
  const noMatch = lookup.value.noMatchingListener();
  return noMatch ? { found: false, outcome: noMatch } : lookup;
}
