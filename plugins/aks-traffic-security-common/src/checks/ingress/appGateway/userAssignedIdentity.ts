import { getPath, isJsonObject, stringAt } from '../../../resources/json';
import { fail, pass } from '../../outcomes';
import { CheckDefinition } from '../../types';
import { gatewayModel } from './gatewayModel';

export const userAssignedIdentity: CheckDefinition = {
  id: 'ingress.appgw.user-assigned-identity',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'Gateway has a user-assigned managed identity for Key Vault access.',
  why: 'The target architecture reads the listener and trusted root certificates from Key Vault through a user-assigned managed identity; Application Gateway cannot use a system-assigned identity for Key Vault.',
  remediation:
    "Add `identity: {type: 'UserAssigned', userAssignedIdentities: {'<identity id>': {}}}` and grant that identity the Key Vault Secrets User role on the vault.",
  documentationUrl:
    'https://learn.microsoft.com/azure/application-gateway/key-vault-certs',
  evaluate(context) {
    const lookup = gatewayModel(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;
    const body = model.resource.body;

    const type = stringAt(body, 'identity.type');
    const identities = getPath(body, 'identity.userAssignedIdentities');
    const identityIds = isJsonObject(identities) ? Object.keys(identities) : [];
    const hasUserAssigned =
      type !== undefined &&
      type
        .split(',')
        .map(part => part.trim().toLowerCase())
        .includes('userassigned');
    const evidence = [
      {
        resource: model.resource.id,
        path: 'identity.type',
        observed: type ?? null,
        expected: 'UserAssigned',
      },
      {
        resource: model.resource.id,
        path: 'identity.userAssignedIdentities',
        observed: identityIds,
        expected: 'at least one user-assigned identity id',
      },
    ];

    if (hasUserAssigned && identityIds.length > 0) {
      return pass(
        `Application Gateway ${model.resource.name} has ${identityIds.length} user-assigned identity(ies).`,
        evidence,
      );
    }
    if (hasUserAssigned) {
      return fail(
        `Application Gateway ${model.resource.name} has identity type ${type} but lists no user-assigned identity.`,
        evidence,
      );
    }
    return fail(
      type === undefined
        ? `Application Gateway ${model.resource.name} has no managed identity, so it cannot read certificates from Key Vault.`
        : `Application Gateway ${model.resource.name} has identity type ${type}; Key Vault access needs a user-assigned identity.`,
      evidence,
    );
  },
};
