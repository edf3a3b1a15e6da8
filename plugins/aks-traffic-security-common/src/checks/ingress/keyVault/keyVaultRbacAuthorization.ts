import { ArmResource } from '../../../types';
import { getPath, objectsAt, parseBoolean } from '../../../resources/json';
import { fail, pass, unknown } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups } from '../shared/combineGroups';
import { apiVersionAtLeast, armApiVersion } from '../shared/armApiVersion';
import { vaultsInScope } from './vaultsInScope';

/** The first Microsoft.KeyVault api-version that creates vaults with Azure RBAC by default. */
const RBAC_DEFAULT_API_VERSION = '2026-02-01';

function judgeVault(vault: ArmResource): CheckOutcome {
  const raw = getPath(vault.body, 'properties.enableRbacAuthorization');
  const accessPolicies = objectsAt(
    vault.body,
    'properties.accessPolicies',
  ).length;
  const evidence = [
    {
      resource: vault.id,
      path: 'properties.enableRbacAuthorization',
      observed: raw ?? null,
      expected: true,
      note: `${accessPolicies} access policy entr${
        accessPolicies === 1 ? 'y' : 'ies'
      }`,
    },
  ];
  const value = parseBoolean(raw);

  if (value === true) {
    return pass(
      `Key Vault ${vault.name} uses Azure RBAC for data-plane access.`,
      evidence,
    );
  }
  if (value === false) {
    return fail(
      `Key Vault ${vault.name} uses access policies (enableRbacAuthorization is false).`,
      evidence,
    );
  }
  if (raw !== undefined && raw !== null) {
    return unknown(
      'unrecognised-value',
      `Key Vault ${vault.name} sets enableRbacAuthorization to ${String(
        raw,
      )}, which is not a boolean.`,
      evidence,
    );
  }

  // A template that creates a vault with api-version 2026-02-01 or later
  // gets Azure RBAC by default; an existing vault without the flag uses
  // access policies.
  const { apiVersion, fromTemplate } = armApiVersion(vault);
  if (
    fromTemplate &&
    apiVersion !== undefined &&
    apiVersionAtLeast(apiVersion, RBAC_DEFAULT_API_VERSION) === true
  ) {
    return pass(
      `Key Vault ${vault.name} is created with api-version ${apiVersion}, whose default is Azure RBAC.`,
      evidence,
    );
  }
  return fail(
    `Key Vault ${
      vault.name
    } does not set enableRbacAuthorization, so it uses access policies${
      fromTemplate && apiVersion
        ? ` (api-version ${apiVersion} predates the RBAC default of ${RBAC_DEFAULT_API_VERSION})`
        : ''
    }.`,
    evidence,
  );
}

export const keyVaultRbacAuthorization: CheckDefinition = {
  id: 'ingress.keyvault.rbac-authorization',
  flow: 'ingress',
  severity: 'medium',
  level: 'baseline',
  title: 'The certificate Key Vault uses Azure RBAC authorization.',
  why: 'The AKS baseline grants the gateway identity and the ingress workload identity data-plane roles through Azure RBAC; access policies are broader, vault-wide and not audited like role assignments.',
  remediation:
    'Set `enableRbacAuthorization: true` and assign `Key Vault Secrets User` to the identities that read the certificates.',
  documentationUrl:
    'https://learn.microsoft.com/azure/key-vault/general/rbac-guide',
  evaluate(context) {
    const scope = vaultsInScope(context);
    if (!('vaults' in scope)) {
      return scope;
    }

    const groups = [
      ...scope.vaults.map(vault => ({
        ...judgeVault(vault),
        elements: [vault.name],
      })),
      ...scope.unread,
    ];
    return combineGroups(groups, 'No Key Vault was read.', 'Key Vault');
  },
};
