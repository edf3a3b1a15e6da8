import { CheckDefinition } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  pass,
  unknown,
} from '../outcomes';
import { booleanAt, getPath } from '../../resources/json';
import { nodePools } from '../nodePools';

export const noNodePublicIp: CheckDefinition = {
  id: 'egress.aks.no-node-public-ip',
  flow: 'egress',
  severity: 'high',
  level: 'baseline',
  title: 'Node pools have no public IP addresses.',
  why: 'A node with its own public IP sends and receives internet traffic directly, bypassing the firewall and the ingress chain.',
  remediation:
    'Recreate the affected node pools without `enableNodePublicIP`; the setting cannot be changed on an existing pool.',
  documentationUrl: 'https://learn.microsoft.com/azure/aks/use-node-public-ips',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;

    const pools = nodePools(cluster, context);
    if (pools.length === 0) {
      return unknown(
        'missing-property',
        'The cluster body lists no node pools and no agent pool was read, so node public IPs cannot be judged.',
        [
          {
            resource: cluster.id,
            path: 'properties.agentPoolProfiles',
            observed: null,
          },
        ],
      );
    }

    const outcomes: ElementOutcome[] = pools.map(pool => {
      const enabled = booleanAt(pool.settings, 'enableNodePublicIP');
      const evidence = [
        {
          resource: pool.resource,
          path: `${pool.path}.enableNodePublicIP`,
          observed: getPath(pool.settings, 'enableNodePublicIP') ?? null,
          expected: false,
        },
      ];
      return enabled === true
        ? {
            element: pool.name,
            ...fail(
              `Node pool ${pool.name} gives its nodes public IPs.`,
              evidence,
            ),
          }
        : {
            element: pool.name,
            ...pass(`Node pool ${pool.name} has no node public IPs.`, evidence),
          };
    });
    return combineElements(outcomes, 'The cluster has no node pools.');
  },
};
