import { ArmResource } from '../../../types';
import {
  APPLICATION_GATEWAY_TYPE,
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { objectsAt, stringAt } from '../../../resources/json';
import { unknown } from '../../outcomes';
import { CheckOutcome } from '../../types';
import { GroupOutcome } from '../shared/combineGroups';
import { referenceName, servedGateway } from '../appGateway/gatewayModel';
import { backendRoutes, settingsUsages } from '../appGateway/backendRoutes';
import { parseKeyVaultUri } from './keyVaultUri';
import { secretProviderClassVaults } from './secretProviderClassVaults';

export const KEY_VAULT_TYPE = 'Microsoft.KeyVault/vaults';

/** The vaults a Key Vault check judges, and `unknown` outcomes for those not read. */
export interface VaultsInScope {
  vaults: ArmResource[];
  unread: GroupOutcome[];
}

function vaultNameOf(vault: ArmResource): string[] {
  const names = [vault.name.toLowerCase()];
  const uri = stringAt(vault.body, 'properties.vaultUri');
  if (uri) {
    const host = /^https:\/\/([^./]+)\./i.exec(uri);
    if (host) {
      names.push(host[1].toLowerCase());
    }
  }
  return names;
}

/**
 * Returns the names of the vaults the gateway reads the service's listener
 * certificates and trusted roots from, each with the certificates that use
 * it. Returns the gateway lookup's `unknown` outcome when the gateway is
 * named but not read, its read failed, several gateways were read and none
 * is named, or no listener serves the service's host names. Returns
 * `undefined` when the set has no gateway at all, so that a vault file or
 * template is judged on its own.
 */
function gatewayVaultNames(
  context: EvaluationContext,
): Lookup<Map<string, string[]> | undefined> {
  const referenced = new Map<string, string[]>();
  const lookup = servedGateway(context);
  if (!lookup.found) {
    const noGateway =
      lookup.outcome.reason === 'missing-resource' &&
      context.scope.gatewayId === undefined &&
      context.armOfType(APPLICATION_GATEWAY_TYPE).length === 0;
    return noGateway ? { found: true, value: undefined } : lookup;
  }
  const model = lookup.value;

  const secretIds: Array<{ id: string | undefined; user: string }> = [];
  for (const listener of [
    ...model.servedHttpsListeners(),
    ...model.servedTlsListeners(),
  ]) {
    const certificate = model.find(
      'sslCertificates',
      referenceName(listener, 'sslCertificate'),
    );
    if (certificate) {
      secretIds.push({
        id: stringAt(certificate.properties, 'keyVaultSecretId'),
        user: `gateway certificate ${certificate.name}`,
      });
    }
  }
  const { usages } = settingsUsages(model, backendRoutes(model).routes);
  for (const usage of usages) {
    for (const reference of objectsAt(
      usage.settings?.properties,
      'trustedRootCertificates',
    )) {
      const root = model.find(
        'trustedRootCertificates',
        stringAt(reference, 'id'),
      );
      if (root) {
        secretIds.push({
          id: stringAt(root.properties, 'keyVaultSecretId'),
          user: `gateway trusted root ${root.name}`,
        });
      }
    }
  }

  for (const { id, user } of secretIds) {
    const parsed = id ? parseKeyVaultUri(id) : undefined;
    if (parsed?.kind === 'uri') {
      const users = referenced.get(parsed.vaultName) ?? [];
      if (!users.includes(user)) {
        users.push(user);
      }
      referenced.set(parsed.vaultName, users);
    }
  }
  return { found: true, value: referenced };
}

/**
 * Finds the vaults to judge: every vault that was read, plus an `unknown`
 * outcome for each vault that the gateway's certificates or the service's
 * SecretProviderClasses refer to that was not, and for each mounted class
 * whose vault is not known. Returns an `unknown` outcome alone when there
 * is no vault at all, or when the gateway cannot be looked up, because then
 * the vaults in the set may not be the ones its certificates use.
 *
 * A set without a gateway, such as a repository's files, is judged on the
 * vaults it contains and on those its mounted classes name, so a class's
 * vault that the files lack is `unknown` too.
 */
export function vaultsInScope(
  context: EvaluationContext,
): VaultsInScope | CheckOutcome {
  const gatewayVaults = gatewayVaultNames(context);
  if (!gatewayVaults.found) {
    return gatewayVaults.outcome;
  }
  const spcVaults = secretProviderClassVaults(context);

  const referenced = new Map(gatewayVaults.value);
  for (const [name, users] of spcVaults.names) {
    referenced.set(name, [...(referenced.get(name) ?? []), ...users]);
  }

  const vaults = context.armOfType(KEY_VAULT_TYPE);
  const readNames = new Set(vaults.flatMap(vaultNameOf));
  const unread: GroupOutcome[] = [];
  for (const [name, users] of referenced) {
    if (readNames.has(name)) {
      continue;
    }
    unread.push({ ...unreadVault(name, users, context), elements: [name] });
  }
  unread.push(...spcVaults.failed, ...spcVaults.unresolved);

  if (vaults.length === 0 && unread.length === 0) {
    return unknown(
      'missing-resource',
      'No Key Vault was read, so the vault that holds the certificates cannot be judged.',
      [{ note: `expected a ${KEY_VAULT_TYPE}` }],
    );
  }
  return { vaults, unread };
}

/**
 * Returns the `unknown` outcome of a referenced vault that was not read:
 * the reason of its failed read, or an unresolved reference.
 */
function unreadVault(
  name: string,
  users: string[],
  context: EvaluationContext,
): CheckOutcome {
  const failure = context.resourceSet.failures.find(item =>
    item.target.toLowerCase().endsWith(`/microsoft.keyvault/vaults/${name}`),
  );
  if (failure) {
    return unknown(
      failure.reason,
      `Key Vault ${name}, used by ${users.join(', ')}, could not be read: ${
        failure.message
      }`,
      [{ resource: failure.target, note: failure.reason }],
    );
  }
  return unknown(
    'unresolved-reference',
    `Key Vault ${name} is used by ${users.join(
      ', ',
    )} but was not read, so it cannot be judged.`,
    [{ note: `vault ${name} not read`, observed: users }],
  );
}
