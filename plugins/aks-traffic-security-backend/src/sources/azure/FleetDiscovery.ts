import {
  objectsAt,
  stringAt,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { AzureSubscriptionConfig } from '../../config/readAzureConfig';
import { ReadSession } from '../reads/ReadSession';
import { FailedRead } from '../reads/runRead';
import { ArmReader } from './ArmReader';
import { AzureCredentials } from './AzureCredentials';

/**
 * The Resource Graph query that lists Key Vaults with their names and Azure
 * Firewalls with their private IP addresses. Both live outside the
 * resources an entity names, often in another subscription (a hub
 * firewall, a shared vault), so they are looked up across every configured
 * subscription. Sorting by id keeps the `$skipToken` pages stable.
 */
export const DISCOVERY_QUERY = [
  'resources',
  "| where type =~ 'microsoft.keyvault/vaults' or type =~ 'microsoft.network/azurefirewalls'",
  '| project id, name, type, ipConfigurations = properties.ipConfigurations, hubIPAddresses = properties.hubIPAddresses',
  '| order by id asc',
].join('\n');

/** The vaults and firewalls found in the subscriptions that the queries covered. */
export interface FleetInventory {
  /** Key Vault ids by vault name in lower case. */
  vaultsByName: Map<string, string[]>;
  /** Azure Firewall ids by private IP address. */
  firewallsByPrivateIp: Map<string, string[]>;
  /** The subscriptions the queries covered. */
  subscriptionIds: string[];
  /** One failure per credential whose query failed; lookups that find nothing report it. */
  failures: FailedRead[];
}

/**
 * Queries Azure Resource Graph for the vaults and firewalls of the
 * configured subscriptions and of the subscriptions an entity names. The
 * subscriptions are grouped by credential, one query per group, and the
 * queries are stored in the read session.
 */
export class FleetDiscovery {
  readonly #reader: ArmReader;
  readonly #credentials: AzureCredentials;
  readonly #subscriptions: AzureSubscriptionConfig[];

  constructor(options: {
    reader: ArmReader;
    credentials: AzureCredentials;
    subscriptions: AzureSubscriptionConfig[];
  }) {
    this.#reader = options.reader;
    this.#credentials = options.credentials;
    this.#subscriptions = options.subscriptions;
  }

  async inventory(
    entitySubscriptionIds: string[],
    session: ReadSession,
  ): Promise<FleetInventory> {
    const subscriptionIds = [
      ...new Set([
        ...this.#subscriptions.map(subscription => subscription.id),
        ...entitySubscriptionIds.map(id => id.toLowerCase()),
      ]),
    ];
    const groups = new Map<string, string[]>();
    for (const subscriptionId of subscriptionIds) {
      const { key } = this.#credentials.forSubscription(subscriptionId);
      groups.set(key, [...(groups.get(key) ?? []), subscriptionId]);
    }

    const inventory: FleetInventory = {
      vaultsByName: new Map(),
      firewallsByPrivateIp: new Map(),
      subscriptionIds,
      failures: [],
    };
    const results = await Promise.all(
      [...groups.values()].map(group =>
        this.#reader.queryResourceGraph({
          subscriptionIds: group,
          query: DISCOVERY_QUERY,
          session,
        }),
      ),
    );

    for (const result of results) {
      if (!result.ok) {
        inventory.failures.push(result);
        continue;
      }
      for (const row of result.value) {
        const id = stringAt(row, 'id');
        const type = stringAt(row, 'type')?.toLowerCase();
        if (!id || !type) {
          continue;
        }
        if (type === 'microsoft.keyvault/vaults') {
          add(inventory.vaultsByName, stringAt(row, 'name')?.toLowerCase(), id);
        } else if (type === 'microsoft.network/azurefirewalls') {
          for (const address of firewallPrivateIps(row)) {
            add(inventory.firewallsByPrivateIp, address, id);
          }
        }
      }
    }
    return inventory;
  }
}

/** Returns the private IP addresses of a firewall row: IP configurations and the Virtual WAN hub address. */
function firewallPrivateIps(row: unknown): string[] {
  return [
    ...objectsAt(row, 'ipConfigurations').map(configuration =>
      stringAt(configuration, 'properties.privateIPAddress'),
    ),
    stringAt(row, 'hubIPAddresses.privateIPAddress'),
  ].filter((address): address is string => !!address && address.trim() !== '');
}

function add(map: Map<string, string[]>, key: string | undefined, id: string) {
  if (!key) {
    return;
  }
  const ids = map.get(key) ?? [];
  if (!ids.some(known => known.toLowerCase() === id.toLowerCase())) {
    ids.push(id);
  }
  map.set(key, ids);
}
