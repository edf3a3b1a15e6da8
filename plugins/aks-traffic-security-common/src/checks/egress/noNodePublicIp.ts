import { ArmResource, JsonObject } from '../../types';
import { CheckDefinition } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  pass,
  unknown,
} from '../outcomes';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { booleanAt, getPath, objectsAt } from '../../resources/json';

const AGENT_POOL_TYPE = 'Microsoft.ContainerService/managedClusters/agentPools';

interface AgentPool {
  name: string;
  resource: string;
  path: string;
  body: JsonObject;
}

/**
 * Returns the cluster's node pools: the `agentPoolProfiles` of its body and
 * any agent pool resources read on their own, as ARM templates declare them.
 */
function agentPools(
  cluster: ArmResource,
  context: EvaluationContext,
): AgentPool[] {
  const pools: AgentPool[] = objectsAt(
    cluster.body,
    'properties.agentPoolProfiles',
  ).map((profile, index) => ({
    name: typeof profile.name === 'string' ? profile.name : `#${index}`,
    resource: cluster.id,
    path: `properties.agentPoolProfiles[${index}].enableNodePublicIP`,
    body: profile,
  }));

  const prefix = `${cluster.id.toLowerCase()}/agentpools/`;
  for (const pool of context.armOfType(AGENT_POOL_TYPE)) {
    if (
      !pool.id.toLowerCase().startsWith(prefix) ||
      pools.some(known => known.name === pool.name)
    ) {
      continue;
    }
    const properties = getPath(pool.body, 'properties');
    pools.push({
      name: pool.name,
      resource: pool.id,
      path: 'properties.enableNodePublicIP',
      body: (properties ?? {}) as JsonObject,
    });
  }
  return pools;
}

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

    const pools = agentPools(cluster, context);
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
      const enabled = booleanAt(pool.body, 'enableNodePublicIP');
      const evidence = [
        {
          resource: pool.resource,
          path: pool.path,
          observed: getPath(pool.body, 'enableNodePublicIP') ?? null,
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
