import { CheckDefinition } from '../types';
import { fail, pass, unknown, warn } from '../outcomes';
import { getPath, stringAt } from '../../resources/json';

const IDENTITY_TYPE = 'identity.type';
const CLIENT_ID = 'properties.servicePrincipalProfile.clientId';

/** The `clientId` AKS shows when the cluster uses a managed identity. */
const MANAGED_IDENTITY_CLIENT_ID = 'msi';

export const managedIdentity: CheckDefinition = {
  id: 'mgmt.aks.managed-identity',
  flow: 'management',
  severity: 'medium',
  level: 'baseline',
  title: 'The cluster uses a managed identity, not a service principal.',
  why: 'Service-principal credentials expire, must be rotated by hand and can leak; a managed identity has no secret to steal.',
  remediation:
    'Move the cluster to a managed identity (`az aks update --enable-managed-identity`, preferably with `--assign-identity <user-assigned identity id>`).',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/use-managed-identity',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;

    const identityType = stringAt(cluster.body, IDENTITY_TYPE);
    const clientId = stringAt(cluster.body, CLIENT_ID);
    const usesManagedIdentity =
      identityType !== undefined &&
      /^(SystemAssigned|UserAssigned)$/i.test(identityType.trim());
    const hasServicePrincipal =
      clientId !== undefined &&
      clientId !== '' &&
      clientId.toLowerCase() !== MANAGED_IDENTITY_CLIENT_ID;
    const evidence = [
      {
        resource: cluster.id,
        path: IDENTITY_TYPE,
        observed: getPath(cluster.body, IDENTITY_TYPE) ?? null,
        expected: ['SystemAssigned', 'UserAssigned'],
      },
      {
        resource: cluster.id,
        path: CLIENT_ID,
        observed: getPath(cluster.body, CLIENT_ID) ?? null,
        expected: `${MANAGED_IDENTITY_CLIENT_ID} or absent`,
      },
    ];

    if (usesManagedIdentity && !hasServicePrincipal) {
      return pass(
        `The cluster uses a ${identityType} managed identity.`,
        evidence,
      );
    }
    if (usesManagedIdentity) {
      return warn(
        `The cluster has a ${identityType} managed identity but still names the service principal ${clientId}.`,
        evidence,
        'service-principal-remains',
      );
    }
    if (hasServicePrincipal) {
      return fail(
        `The cluster authenticates to Azure with the service principal ${clientId}.`,
        evidence,
      );
    }
    return unknown(
      'missing-property',
      'The cluster body shows neither a managed identity nor a service principal.',
      evidence,
    );
  },
};
