import { ArmResource, JsonObject } from '../types';
import { EvaluationContext } from '../evaluator/EvaluationContext';
import { getPath, isJsonObject, objectsAt } from '../resources/json';

const AGENT_POOL_TYPE = 'Microsoft.ContainerService/managedClusters/agentPools';

/** One node pool of a cluster, from its body or read as a resource of its own. */
export interface NodePool {
  name: string;
  /** The ARM id of the resource that contains the pool's settings. */
  resource: string;
  /** The path of the pool's settings in that resource, such as `properties.agentPoolProfiles[0]`. */
  path: string;
  /** The pool's settings: an `agentPoolProfiles` entry or an agent pool's `properties`. */
  settings: JsonObject;
}

/**
 * Returns the cluster's node pools: the `agentPoolProfiles` of its body and
 * the agent pool resources read on their own, as ARM templates and
 * `az aks nodepool list` give them. A pool in both counts once, from the
 * cluster body.
 */
export function nodePools(
  cluster: ArmResource,
  context: EvaluationContext,
): NodePool[] {
  const pools: NodePool[] = objectsAt(
    cluster.body,
    'properties.agentPoolProfiles',
  ).map((profile, index) => ({
    name: typeof profile.name === 'string' ? profile.name : `#${index}`,
    resource: cluster.id,
    path: `properties.agentPoolProfiles[${index}]`,
    settings: profile,
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
      path: 'properties',
      settings: isJsonObject(properties) ? properties : {},
    });
  }
  return pools;
}
