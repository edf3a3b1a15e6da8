import {
  ArmResource,
  AssessmentScope,
  internetApplianceHops,
  objectsAt,
  parseKeyVaultUri,
  ResourceSet,
  secretProviderClassVaultNames,
  stringAt,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ReadSession } from '../reads/ReadSession';
import { ArmReader } from './ArmReader';
import { ArmCollection, ArmCollector } from './ArmCollector';
import { FleetDiscovery, FleetInventory } from './FleetDiscovery';
import { parentArmId, parseArmId } from './parseArmId';

/** The maximum depth of a chain of firewall base policies that is followed. */
const MAX_BASE_POLICY_DEPTH = 5;

const KEY_VAULT_TYPE = 'microsoft.keyvault/vaults';

/** The vault name at the end of a failure target: an ARM id or `/providers/Microsoft.KeyVault/vaults/<name>`. */
const KEY_VAULT_TARGET = /\/providers\/microsoft\.keyvault\/vaults\/([^/]+)$/i;

/** The readers and the read session that an entity's ARM reads use. */
export interface CollectContext {
  reader: ArmReader;
  discovery: FleetDiscovery;
  session: ReadSession;
}

/**
 * Reads the entity's cluster and gateway by their annotated ids, then the
 * resources they reference:
 *
 * - from the cluster: the virtual networks of the node and pod subnets and
 *   the route tables and NAT gateways associated with those subnets. Then
 *   the Azure Firewalls whose private IP is the next hop of an internet
 *   route, and their firewall policies with base policies and rule
 *   collection groups;
 * - from the gateway: the WAF policies at gateway, listener and path-rule
 *   level, the virtual network of the gateway subnet, and the Key Vaults
 *   that its certificates' secret URIs name.
 *
 * Firewalls and vaults are found with Azure Resource Graph. Every id comes
 * from the annotations or from an ARM response. A read that fails adds a
 * `ReadFailure` for its id and the other reads go on.
 */
export async function collectArmResources(
  scope: AssessmentScope,
  context: CollectContext,
): Promise<ArmCollection> {
  const collection = new ArmCollector();
  const inventory = lazyInventory(scope, context);

  await Promise.all([
    scope.clusterId
      ? collectFromCluster(scope.clusterId, context, collection, inventory)
      : Promise.resolve(),
    scope.gatewayId
      ? collectFromGateway(scope.gatewayId, context, collection, inventory)
      : Promise.resolve(),
  ]);

  return collection.result();
}

/**
 * Reads the Key Vaults that the entity's SecretProviderClasses name, such
 * as a vault that holds only the ingress controller's certificate. Those
 * classes are known only once the Kubernetes objects are read, so this runs
 * after {@link collectArmResources}. A vault that the set already contains,
 * or whose read already failed, is not looked up again. Each name is
 * resolved to vault ids with the same Resource Graph inventory as the
 * gateway's vaults, and a name that is not found becomes a `ReadFailure`.
 */
export async function collectSecretProviderClassVaults(
  resourceSet: ResourceSet,
  context: CollectContext,
): Promise<ArmCollection> {
  const collection = new ArmCollector();
  const covered = coveredVaultNames(resourceSet);
  const vaultNames = secretProviderClassVaultNames(resourceSet).filter(
    name => !covered.has(name),
  );
  if (vaultNames.length > 0) {
    const inventory = await lazyInventory(resourceSet.scope, context)();
    await collectVaults(vaultNames, context, collection, inventory);
  }
  return collection.result();
}

/** Returns the names, in lower case, of the vaults a set contains or failed to read. */
function coveredVaultNames(resourceSet: ResourceSet): Set<string> {
  const names = new Set<string>();
  for (const resource of resourceSet.resources) {
    if (
      resource.kind === 'arm' &&
      resource.type.toLowerCase() === KEY_VAULT_TYPE
    ) {
      names.add(resource.name.toLowerCase());
    }
  }
  for (const failure of resourceSet.failures) {
    const name = KEY_VAULT_TARGET.exec(failure.target)?.[1];
    if (name) {
      names.add(name.toLowerCase());
    }
  }
  return names;
}

async function collectFromCluster(
  clusterId: string,
  context: CollectContext,
  collection: ArmCollector,
  inventory: () => Promise<FleetInventory>,
): Promise<void> {
  const cluster = collection.add(
    await context.reader.get(clusterId, context.session),
  );
  if (!cluster) {
    return;
  }

  // Pods of a pod subnet (Azure CNI) leave through its own route table.
  const subnetIds = unique(
    objectsAt(cluster.body, 'properties.agentPoolProfiles')
      .flatMap(profile => [
        stringAt(profile, 'vnetSubnetID'),
        stringAt(profile, 'podSubnetID'),
      ])
      .filter(isArmId),
  );
  const subnets = await readSubnets(subnetIds, context, collection);

  const routeTableIds = unique(
    subnets
      .map(subnet => stringAt(subnet, 'properties.routeTable.id'))
      .filter(isArmId),
  );
  const natGatewayIds = unique(
    subnets
      .map(subnet => stringAt(subnet, 'properties.natGateway.id'))
      .filter(isArmId),
  );
  const [routeTables] = await Promise.all([
    readAll(routeTableIds, context, collection),
    readAll(natGatewayIds, context, collection),
  ]);

  const nextHops = unique(routeTables.flatMap(internetApplianceHops));
  if (nextHops.length > 0) {
    const found = await inventory();
    await collectFirewalls(nextHops, context, collection, found);
  }
}

async function collectFromGateway(
  gatewayId: string,
  context: CollectContext,
  collection: ArmCollector,
  inventory: () => Promise<FleetInventory>,
): Promise<void> {
  const gateway = collection.add(
    await context.reader.get(gatewayId, context.session),
  );
  if (!gateway) {
    return;
  }

  const { wafPolicyIds, gatewaySubnetIds, vaultNames } =
    gatewayReferences(gateway);

  await Promise.all([
    readAll(wafPolicyIds, context, collection),
    readSubnets(gatewaySubnetIds, context, collection),
    vaultNames.length > 0
      ? inventory().then(found =>
          collectVaults(vaultNames, context, collection, found),
        )
      : Promise.resolve(),
  ]);
}

/** The ids and names that a gateway references, which its entities read next. */
interface GatewayReferences {
  wafPolicyIds: string[];
  gatewaySubnetIds: string[];
  vaultNames: string[];
}

// Keyed by the gateway read once per refresh, which every entity behind the
// gateway shares. Walking its listeners again for each entity took about a
// quarter of a second of a 5,000-entity refresh.
const gatewayReferencesCache = new WeakMap<ArmResource, GatewayReferences>();

function gatewayReferences(gateway: ArmResource): GatewayReferences {
  const cached = gatewayReferencesCache.get(gateway);
  if (cached) {
    return cached;
  }

  const wafPolicyIds = unique(
    [
      stringAt(gateway.body, 'properties.firewallPolicy.id'),
      ...objectsAt(gateway.body, 'properties.httpListeners').map(listener =>
        stringAt(listener, 'properties.firewallPolicy.id'),
      ),
      ...objectsAt(gateway.body, 'properties.urlPathMaps').flatMap(map =>
        objectsAt(map, 'properties.pathRules').map(rule =>
          stringAt(rule, 'properties.firewallPolicy.id'),
        ),
      ),
    ].filter(isArmId),
  );
  const gatewaySubnetIds = unique(
    objectsAt(gateway.body, 'properties.gatewayIPConfigurations')
      .map(configuration => stringAt(configuration, 'properties.subnet.id'))
      .filter(isArmId),
  );
  const vaultNames = unique(
    [
      ...objectsAt(gateway.body, 'properties.sslCertificates'),
      ...objectsAt(gateway.body, 'properties.trustedRootCertificates'),
    ].flatMap(certificate => {
      const secretId = stringAt(certificate, 'properties.keyVaultSecretId');
      const reference = secretId ? parseKeyVaultUri(secretId) : undefined;
      return reference?.kind === 'uri' ? [reference.vaultName] : [];
    }),
  );

  const references = { wafPolicyIds, gatewaySubnetIds, vaultNames };
  gatewayReferencesCache.set(gateway, references);
  return references;
}

/**
 * Reads the virtual networks of some subnets and returns the subnets found
 * in them. A subnet whose network could not be read gets that failure, so
 * the checks that look the subnet up report the reason.
 */
async function readSubnets(
  subnetIds: string[],
  context: CollectContext,
  collection: ArmCollector,
): Promise<unknown[]> {
  const networkIds = unique(
    subnetIds.map(parentArmId).filter((id): id is string => id !== undefined),
  );
  const reads = new Map(
    await Promise.all(
      networkIds.map(
        async id =>
          [
            id.toLowerCase(),
            await context.reader.get(id, context.session),
          ] as const,
      ),
    ),
  );

  const subnets: unknown[] = [];
  for (const subnetId of subnetIds) {
    const read = reads.get(parentArmId(subnetId)!.toLowerCase());
    if (!read) {
      continue;
    }
    if (!read.ok) {
      collection.add(read);
      collection.addFailure({ ...read.failure, target: subnetId });
      continue;
    }
    collection.add(read);
    const subnet = objectsAt(read.resource.body, 'properties.subnets').find(
      candidate =>
        stringAt(candidate, 'id')?.toLowerCase() === subnetId.toLowerCase(),
    );
    if (subnet) {
      subnets.push(subnet);
    } else {
      collection.addFailure({
        target: subnetId,
        reason: 'not-found',
        message: `Subnet ${subnetId} is not listed in virtual network ${read.resource.id}`,
      });
    }
  }
  return subnets;
}

async function collectFirewalls(
  nextHops: string[],
  context: CollectContext,
  collection: ArmCollector,
  inventory: FleetInventory,
): Promise<void> {
  const firewallIds = unique(
    nextHops.flatMap(
      address => inventory.firewallsByPrivateIp.get(address) ?? [],
    ),
  );
  for (const address of nextHops) {
    if (
      !inventory.firewallsByPrivateIp.has(address) &&
      inventory.failures.length > 0
    ) {
      collection.addFailure({
        target: `/providers/Microsoft.Network/azureFirewalls/with-private-ip-${address}`,
        reason: inventory.failures[0].reason,
        message: `The Azure Firewall with private IP ${address} could not be looked up with Azure Resource Graph: ${inventory.failures[0].message}`,
      });
    }
  }

  const firewalls = await readAll(firewallIds, context, collection);
  const policyIds = unique(
    firewalls
      .map(firewall => stringAt(firewall.body, 'properties.firewallPolicy.id'))
      .filter(isArmId),
  );
  await Promise.all(
    policyIds.map(policyId =>
      collectFirewallPolicy(policyId, context, collection, 0),
    ),
  );
}

/** Reads a firewall policy, its base policies and the rule collection groups of each. */
async function collectFirewallPolicy(
  policyId: string,
  context: CollectContext,
  collection: ArmCollector,
  depth: number,
): Promise<void> {
  const policy = collection.add(
    await context.reader.get(policyId, context.session),
  );
  if (!policy) {
    return;
  }

  const groupIds = objectsAt(policy.body, 'properties.ruleCollectionGroups')
    .map(group => stringAt(group, 'id'))
    .filter(isArmId);
  const basePolicyId = stringAt(policy.body, 'properties.basePolicy.id');

  await Promise.all([
    groupIds.length > 0
      ? context.reader
          .listRuleCollectionGroups(policy.id, context.session)
          .then(read => {
            if (read.ok) {
              read.resources.forEach(resource =>
                collection.addResource(resource),
              );
            } else {
              for (const groupId of groupIds) {
                collection.addFailure({ ...read.failure, target: groupId });
              }
            }
          })
      : Promise.resolve(),
    isArmId(basePolicyId) &&
    depth < MAX_BASE_POLICY_DEPTH &&
    !collection.has(basePolicyId)
      ? collectFirewallPolicy(basePolicyId, context, collection, depth + 1)
      : Promise.resolve(),
  ]);
}

async function collectVaults(
  vaultNames: string[],
  context: CollectContext,
  collection: ArmCollector,
  inventory: FleetInventory,
): Promise<void> {
  const vaultIds: string[] = [];
  for (const name of vaultNames) {
    const ids = inventory.vaultsByName.get(name);
    if (ids) {
      vaultIds.push(...ids);
      continue;
    }

    const target = `/providers/Microsoft.KeyVault/vaults/${name}`;
    const failure = inventory.failures[0];
    collection.addFailure(
      failure
        ? {
            target,
            reason: failure.reason,
            message: `Key Vault ${name} could not be looked up with Azure Resource Graph: ${failure.message}`,
          }
        : {
            target,
            reason: 'not-found',
            message: `No Key Vault named ${name} was found with Azure Resource Graph in subscriptions ${inventory.subscriptionIds.join(
              ', ',
            )}`,
          },
    );
  }
  await readAll(unique(vaultIds), context, collection);
}

/**
 * Starts the Resource Graph discovery on first use, for the configured
 * subscriptions and the entity's own.
 */
function lazyInventory(
  scope: AssessmentScope,
  context: CollectContext,
): () => Promise<FleetInventory> {
  let inventory: Promise<FleetInventory> | undefined;
  const subscriptionIds = [scope.clusterId, scope.gatewayId]
    .map(id => (id ? parseArmId(id)?.subscriptionId : undefined))
    .filter((id): id is string => id !== undefined);
  return () => {
    inventory ??= context.discovery.inventory(subscriptionIds, context.session);
    return inventory;
  };
}

async function readAll(
  ids: string[],
  context: CollectContext,
  collection: ArmCollector,
): Promise<ArmResource[]> {
  const reads = await Promise.all(
    ids.map(id => context.reader.get(id, context.session)),
  );
  return reads
    .map(read => collection.add(read))
    .filter((resource): resource is ArmResource => resource !== undefined);
}

function isArmId(id: string | undefined): id is string {
  return id !== undefined && parseArmId(id) !== undefined;
}

function unique(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    if (!seen.has(value.toLowerCase())) {
      seen.set(value.toLowerCase(), value);
    }
  }
  return [...seen.values()];
}
