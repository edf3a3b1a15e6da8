import { SubscriptionClients } from './AzureArmClients';
import { ParsedArmId } from './parseArmId';
import { CapturedResponse } from './classifyAzureError';

/** The options every SDK GET accepts here. */
export interface GetOptions {
  abortSignal: AbortSignal;
  /** Receives the raw HTTP response, whose body is kept as the wire body. */
  onResponse: (response: CapturedResponse) => void;
}

type GetOperation = (
  clients: SubscriptionClients,
  id: ParsedArmId,
  options: GetOptions,
) => Promise<unknown>;

/**
 * The SDK GET of each resource type the Azure source reads, keyed by the
 * type in lower case.
 */
const GET_OPERATIONS: ReadonlyMap<string, GetOperation> = new Map<
  string,
  GetOperation
>([
  [
    'microsoft.containerservice/managedclusters',
    (clients, id, options) =>
      clients.containerService.managedClusters.get(
        id.resourceGroup,
        id.names[0],
        options,
      ),
  ],
  [
    'microsoft.network/applicationgateways',
    (clients, id, options) =>
      clients.network.applicationGateways.get(
        id.resourceGroup,
        id.names[0],
        options,
      ),
  ],
  [
    'microsoft.network/applicationgatewaywebapplicationfirewallpolicies',
    (clients, id, options) =>
      clients.network.webApplicationFirewallPolicies.get(
        id.resourceGroup,
        id.names[0],
        options,
      ),
  ],
  [
    'microsoft.network/virtualnetworks',
    (clients, id, options) =>
      clients.network.virtualNetworks.get(
        id.resourceGroup,
        id.names[0],
        options,
      ),
  ],
  [
    'microsoft.network/routetables',
    (clients, id, options) =>
      clients.network.routeTables.get(id.resourceGroup, id.names[0], options),
  ],
  [
    'microsoft.network/natgateways',
    (clients, id, options) =>
      clients.network.natGateways.get(id.resourceGroup, id.names[0], options),
  ],
  [
    'microsoft.network/azurefirewalls',
    (clients, id, options) =>
      clients.network.azureFirewalls.get(
        id.resourceGroup,
        id.names[0],
        options,
      ),
  ],
  [
    'microsoft.network/firewallpolicies',
    (clients, id, options) =>
      clients.network.firewallPolicies.get(
        id.resourceGroup,
        id.names[0],
        options,
      ),
  ],
  [
    'microsoft.keyvault/vaults',
    (clients, id, options) =>
      clients.keyVault.vaults.get(id.resourceGroup, id.names[0], options),
  ],
]);

/** Returns the SDK GET for a resource type, or `undefined` when the source does not read it. */
export function getOperationFor(type: string): GetOperation | undefined {
  return GET_OPERATIONS.get(type.toLowerCase());
}
