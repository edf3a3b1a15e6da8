import { CheckDefinition } from '../types';
import { pass, warn } from '../outcomes';
import { booleanAt, getPath } from '../../resources/json';

export const runCommandDisabled: CheckDefinition = {
  id: 'mgmt.aks.run-command-disabled',
  flow: 'management',
  severity: 'low',
  level: 'advisory',
  title: 'The AKS run command is disabled.',
  why: 'Run command (command invoke) lets anyone with the right Azure role run kubectl inside the cluster through ARM, including a private cluster whose API server is otherwise unreachable.',
  remediation:
    'Set `apiServerAccessProfile.disableRunCommand: true` (`az aks update --disable-run-command`).',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/access-private-cluster',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;
    const path = 'properties.apiServerAccessProfile.disableRunCommand';
    const evidence = [
      {
        resource: cluster.id,
        path,
        observed: getPath(cluster.body, path) ?? null,
        expected: true,
      },
    ];

    if (booleanAt(cluster.body, path) === true) {
      return pass('Run command is disabled.', evidence);
    }
    return warn(
      'Run command is enabled, an ARM path to run kubectl inside the cluster.',
      evidence,
    );
  },
};
