import { ArmResource, Evidence } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import {
  getPath,
  isJsonObject,
  objectsAt,
  stringAt,
} from '../../../resources/json';
import { sameArmId } from '../../../resources/armIds';
import { fail, pass, unknown, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups } from '../shared/combineGroups';
import { vaultsInScope } from './vaultsInScope';

const PRIVATE_ENDPOINT_TYPE = 'Microsoft.Network/privateEndpoints';

/** Returns the names of the vault's approved private endpoint connections. */
function approvedConnections(vault: ArmResource): string[] {
  return objectsAt(vault.body, 'properties.privateEndpointConnections')
    .filter(
      connection =>
        stringAt(
          connection,
          'properties.privateLinkServiceConnectionState.status',
        )?.toLowerCase() === 'approved',
    )
    .map(
      connection =>
        stringAt(connection, 'name') ??
        stringAt(connection, 'id') ??
        '(unnamed)',
    );
}

function refersToVault(serviceId: string, vault: ArmResource): boolean {
  if (sameArmId(serviceId, vault.id)) {
    return true;
  }
  // A template refers to the vault with an expression such as
  // [resourceId('Microsoft.KeyVault/vaults', 'kv-name')].
  return (
    serviceId.trim().startsWith('[') &&
    /microsoft\.keyvault\/vaults/i.test(serviceId) &&
    serviceId.toLowerCase().includes(`'${vault.name.toLowerCase()}'`)
  );
}

/**
 * Returns the private endpoint resources in the set that connect to the vault
 * with group id `vault`. An endpoint of an ARM template has no connection
 * state yet, so it counts without one. Any other endpoint counts only when
 * its connection is approved.
 */
function privateEndpointsFor(
  context: EvaluationContext,
  vault: ArmResource,
): string[] {
  return context
    .armOfType(PRIVATE_ENDPOINT_TYPE)
    .filter(endpoint =>
      objectsAt(endpoint.body, 'properties.privateLinkServiceConnections').some(
        connection => {
          const serviceId = stringAt(
            connection,
            'properties.privateLinkServiceId',
          );
          const groups = getPath(connection, 'properties.groupIds');
          const status = stringAt(
            connection,
            'properties.privateLinkServiceConnectionState.status',
          );
          return (
            serviceId !== undefined &&
            refersToVault(serviceId, vault) &&
            Array.isArray(groups) &&
            groups.some(
              group =>
                typeof group === 'string' && group.toLowerCase() === 'vault',
            ) &&
            (status === undefined
              ? endpoint.origin.format === 'arm-template'
              : status.toLowerCase() === 'approved')
          );
        },
      ),
    )
    .map(endpoint => endpoint.name);
}

function judgeVault(
  context: EvaluationContext,
  vault: ArmResource,
): CheckOutcome {
  const publicAccess = stringAt(vault.body, 'properties.publicNetworkAccess');
  const acls = getPath(vault.body, 'properties.networkAcls');
  const defaultAction = isJsonObject(acls)
    ? stringAt(acls, 'defaultAction')
    : undefined;
  const bypass = isJsonObject(acls) ? stringAt(acls, 'bypass') : undefined;
  const ipRules = objectsAt(acls, 'ipRules').map(
    rule => stringAt(rule, 'value') ?? '',
  );
  const endpoints = [
    ...approvedConnections(vault),
    ...privateEndpointsFor(context, vault),
  ];
  const evidence: Evidence[] = [
    {
      resource: vault.id,
      path: 'properties.publicNetworkAccess',
      observed: publicAccess ?? null,
      expected: 'Disabled',
    },
    {
      resource: vault.id,
      path: 'properties.networkAcls',
      observed: isJsonObject(acls)
        ? {
            defaultAction: defaultAction ?? null,
            bypass: bypass ?? null,
            ipRules,
          }
        : null,
      expected: { defaultAction: 'Deny' },
      note: 'The gateway reaches the vault through a private endpoint or the AzureServices bypass.',
    },
    {
      resource: vault.id,
      path: 'properties.privateEndpointConnections',
      observed: endpoints,
      expected: 'at least one approved private endpoint',
    },
  ];

  if (publicAccess?.toLowerCase() === 'disabled') {
    return pass(
      `Key Vault ${vault.name} has public network access disabled.`,
      evidence,
    );
  }
  // With a network security perimeter, the perimeter's access rules decide
  // and override networkAcls, and the perimeter is not read.
  if (publicAccess?.toLowerCase() === 'securedbyperimeter') {
    return unknown(
      'network-security-perimeter',
      `Key Vault ${vault.name} is secured by a network security perimeter, whose access rules are not read, so the networks that reach it are not known.`,
      evidence,
    );
  }
  if (defaultAction?.toLowerCase() !== 'deny') {
    const reason = !isJsonObject(acls)
      ? 'has no network rules, so its firewall allows every network'
      : `has networkAcls.defaultAction ${
          defaultAction ?? '(absent, which means Allow)'
        }`;
    return fail(
      `Key Vault ${vault.name} ${reason} while public network access is ${
        publicAccess ?? 'not set (Enabled)'
      }.`,
      evidence,
    );
  }

  const openRules = ipRules.filter(rule => /\/0$/.test(rule.trim()));
  if (openRules.length > 0) {
    return warn(
      `Key Vault ${
        vault.name
      } denies by default but its IP rules allow ${openRules.join(
        ', ',
      )}, which is every address.`,
      evidence,
      'open-ip-rule',
    );
  }
  if (endpoints.length === 0) {
    return warn(
      `Key Vault ${vault.name} denies public traffic by default but has no approved private endpoint, so it is reached only through service endpoints or IP rules.`,
      evidence,
      'no-private-endpoint',
    );
  }
  return pass(
    `Key Vault ${
      vault.name
    } denies public traffic by default and is reached through private endpoint ${endpoints.join(
      ', ',
    )}.`,
    evidence,
  );
}

export const keyVaultNetworkRestricted: CheckDefinition = {
  id: 'ingress.keyvault.network-restricted',
  flow: 'ingress',
  severity: 'high',
  level: 'baseline',
  title: 'The certificate Key Vault is reachable only from private networks.',
  why: 'The vault holds the private keys of both ingress certificates, so it must be reachable only from the private network.',
  remediation:
    "Set `networkAcls.defaultAction: 'Deny'`, add a private endpoint with `groupIds: ['vault']` and the `privatelink.vaultcore.azure.net` zone, or disable public network access.",
  documentationUrl:
    'https://learn.microsoft.com/azure/key-vault/general/network-security',
  evaluate(context) {
    const scope = vaultsInScope(context);
    if (!('vaults' in scope)) {
      return scope;
    }

    const groups = [
      ...scope.vaults.map(vault => ({
        ...judgeVault(context, vault),
        elements: [vault.name],
      })),
      ...scope.unread,
    ];
    return combineGroups(groups, 'No Key Vault was read.', 'Key Vault');
  },
};
