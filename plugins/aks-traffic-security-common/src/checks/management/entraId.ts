import { CheckDefinition } from '../types';
import { fail, pass, warn } from '../outcomes';
import {
  booleanAt,
  getPath,
  isJsonObject,
  stringAt,
} from '../../resources/json';

export const entraId: CheckDefinition = {
  id: 'mgmt.aks.entra-id',
  flow: 'management',
  severity: 'high',
  level: 'baseline',
  title: 'Cluster users authenticate with AKS-managed Microsoft Entra ID.',
  why: 'Without Entra ID integration, access to the API server rests on certificates and tokens that cannot be tied to people, revoked centrally or protected by conditional access.',
  remediation:
    'Enable AKS-managed Entra ID integration (`az aks update --enable-aad --aad-admin-group-object-ids <group>`), preferably with Azure RBAC for Kubernetes authorization (`--enable-azure-rbac`).',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/enable-authentication-microsoft-entra-id',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const profile = getPath(cluster.body, 'properties.aadProfile');

    if (!isJsonObject(profile) || Object.keys(profile).length === 0) {
      return fail('The cluster has no Entra ID integration.', [
        {
          resource: cluster.id,
          path: 'properties.aadProfile',
          observed: profile ?? null,
          expected: { managed: true },
        },
      ]);
    }

    const managed = booleanAt(profile, 'managed');
    if (managed === true) {
      const azureRbac = booleanAt(profile, 'enableAzureRBAC');
      const adminGroups = getPath(profile, 'adminGroupObjectIDs');
      const note =
        azureRbac === true
          ? 'Azure RBAC authorizes Kubernetes access.'
          : `Kubernetes RBAC authorizes access${
              Array.isArray(adminGroups) && adminGroups.length > 0
                ? ' with Entra admin groups'
                : ''
            }; Azure RBAC for Kubernetes authorization (enableAzureRBAC) is preferred.`;
      return pass('The cluster uses AKS-managed Entra ID integration.', [
        {
          resource: cluster.id,
          path: 'properties.aadProfile.managed',
          observed: true,
          expected: true,
          note,
        },
      ]);
    }

    const serverAppId = stringAt(profile, 'serverAppID');
    if (serverAppId) {
      return warn(
        'The cluster uses the legacy, non-managed Entra ID integration with its own server application.',
        [
          {
            resource: cluster.id,
            path: 'properties.aadProfile.serverAppID',
            observed: serverAppId,
            expected: 'aadProfile.managed: true',
          },
        ],
        'legacy-integration',
      );
    }

    return fail(
      'The cluster Entra ID profile is neither managed nor a legacy integration.',
      [
        {
          resource: cluster.id,
          path: 'properties.aadProfile',
          observed: profile,
          expected: { managed: true },
        },
      ],
    );
  },
};
