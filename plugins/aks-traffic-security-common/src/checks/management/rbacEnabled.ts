import { CheckDefinition } from '../types';
import { fail, pass, unknown, warn } from '../outcomes';
import { booleanAt, getPath } from '../../resources/json';

export const rbacEnabled: CheckDefinition = {
  id: 'mgmt.aks.rbac-enabled',
  flow: 'management',
  severity: 'critical',
  level: 'baseline',
  title: 'Kubernetes RBAC is enabled.',
  why: 'Without Kubernetes RBAC every authenticated identity has unrestricted access to the cluster.',
  remediation:
    'Create the cluster with `enableRBAC: true`; RBAC cannot be turned on for an existing cluster, so migrate the workloads to a new cluster.',
  documentationUrl: 'https://learn.microsoft.com/azure/aks/concepts-identity',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const path = 'properties.enableRBAC';
    const raw = getPath(cluster.body, path);
    const enabled = booleanAt(cluster.body, path);
    const evidence = [
      { resource: cluster.id, path, observed: raw ?? null, expected: true },
    ];

    if (enabled === true) {
      return pass('Kubernetes RBAC is enabled.', evidence);
    }
    if (enabled === false) {
      return fail('Kubernetes RBAC is disabled.', evidence);
    }
    if (raw === undefined || raw === null) {
      return warn(
        'enableRBAC is absent; new clusters default to RBAC, but a GET of a cluster should return the value.',
        evidence,
        'implicit-default',
      );
    }
    return unknown(
      'unrecognised-value',
      `enableRBAC has the unrecognised value ${JSON.stringify(raw)}.`,
      evidence,
    );
  },
};
