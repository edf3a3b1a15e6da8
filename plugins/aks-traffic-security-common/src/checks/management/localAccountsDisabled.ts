import { CheckDefinition } from '../types';
import { fail, pass } from '../outcomes';
import { booleanAt, getPath } from '../../resources/json';

export const localAccountsDisabled: CheckDefinition = {
  id: 'mgmt.aks.local-accounts-disabled',
  flow: 'management',
  severity: 'high',
  level: 'baseline',
  title: 'Local Kubernetes accounts are disabled.',
  why: 'While local accounts are enabled, the static clusterAdmin kubeconfig grants full access that bypasses Entra ID, Azure RBAC and their audit trail.',
  remediation:
    'Set `disableLocalAccounts: true` (`az aks update --disable-local-accounts`) on a cluster with Entra ID integration.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const path = 'properties.disableLocalAccounts';
    const disabled = booleanAt(cluster.body, path);

    if (disabled === true) {
      return pass('Local accounts are disabled.', [
        { resource: cluster.id, path, observed: true, expected: true },
      ]);
    }
    return fail(
      disabled === false
        ? 'Local accounts are enabled, so the clusterAdmin kubeconfig works.'
        : 'disableLocalAccounts is not set, so local accounts are enabled by default.',
      [
        {
          resource: cluster.id,
          path,
          observed: getPath(cluster.body, path) ?? null,
          expected: true,
        },
      ],
    );
  },
};
