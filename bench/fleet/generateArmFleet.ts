import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  ArmResource,
  JsonObject,
  KubernetesResource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetOptions, generateFleet } from '../evaluator/generateFleet';

const RULE_COLLECTION_GROUP_TYPE =
  'microsoft.network/firewallpolicies/rulecollectiongroups';

/** A synthetic fleet as Azure Resource Manager serves it, with the catalog entities that name it. */
export interface ArmFleet {
  /** Resource bodies in ARM wire shape, by ARM id in lower case. */
  resources: Map<string, JsonObject>;
  /** The rule collection groups of each firewall policy, by policy id in lower case. */
  ruleCollectionGroups: Map<string, JsonObject[]>;
  /** The Key Vaults and Azure Firewalls as rows of an Azure Resource Graph `resources` query. */
  resourceGraphRows: JsonObject[];
  /** One catalog component per service, annotated with its cluster and gateway. */
  entities: Entity[];
  /** The Kubernetes objects of each cluster, by the cluster's ARM id. */
  kubernetesObjects: Map<string, KubernetesResource[]>;
  /** The number of ARM resources of each type. */
  resourceCounts: Record<string, number>;
}

/**
 * Generates the evaluator benchmark's fleet (same seed, same resources) and
 * lays it out the way ARM and Resource Graph return it: every resource by
 * id, rule collection groups under their policy, and the vaults and
 * firewalls that fleet discovery queries.
 */
export function generateArmFleet(options: FleetOptions): ArmFleet {
  const fleet = generateFleet(options);

  const resources = new Map<string, JsonObject>();
  const ruleCollectionGroups = new Map<string, JsonObject[]>();
  const resourceCounts: Record<string, number> = {};
  const entities: Entity[] = [];

  const kubernetesObjects = new Map<string, Map<string, KubernetesResource>>();

  fleet.resourceSets.forEach((set, index) => {
    const clusterId = set.scope.clusterId!;
    for (const resource of set.resources) {
      if (resource.kind === 'kubernetes') {
        const objects = kubernetesObjects.get(clusterId) ?? new Map();
        objects.set(
          `${resource.apiVersion}/${resource.objectKind}/${
            resource.namespace ?? ''
          }/${resource.name}`,
          resource,
        );
        kubernetesObjects.set(clusterId, objects);
      } else if (resource.kind === 'arm') {
        addArmResource(
          resource,
          resources,
          ruleCollectionGroups,
          resourceCounts,
        );
      }
    }

    const service = set.scope.hostNames?.[0]?.split('.')[0] ?? `svc${index}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `fleet-${service}-${index}`,
        namespace: 'default',
        annotations: {
          [ANNOTATIONS.clusterId]: set.scope.clusterId!,
          [ANNOTATIONS.gatewayId]: set.scope.gatewayId!,
          [ANNOTATIONS.kubernetesNamespace]: set.scope.namespace!,
          [ANNOTATIONS.hostNames]: (set.scope.hostNames ?? []).join(','),
          [ANNOTATIONS.internalDomainSuffix]:
            set.scope.internalDomainSuffix ?? '',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${index % 40}`,
      },
    });
  });

  const resourceGraphRows = [...resources.values()]
    .filter(body =>
      [
        'microsoft.keyvault/vaults',
        'microsoft.network/azurefirewalls',
      ].includes(String(body.type).toLowerCase()),
    )
    .map(body => {
      const properties = (body.properties ?? {}) as JsonObject;
      return {
        id: body.id,
        name: body.name,
        type: String(body.type).toLowerCase(),
        ipConfigurations: properties.ipConfigurations ?? null,
        hubIPAddresses: properties.hubIPAddresses ?? null,
      } as JsonObject;
    });

  return {
    resources,
    ruleCollectionGroups,
    resourceGraphRows,
    entities,
    kubernetesObjects: new Map(
      [...kubernetesObjects].map(([name, objects]) => [
        name,
        [...objects.values()].flatMap(object => [object, ...podsOf(object)]),
      ]),
    ),
    resourceCounts,
  };
}

function addArmResource(
  resource: ArmResource,
  resources: Map<string, JsonObject>,
  ruleCollectionGroups: Map<string, JsonObject[]>,
  resourceCounts: Record<string, number>,
) {
  const id = resource.id.toLowerCase();
  if (resources.has(id)) {
    return;
  }
  resources.set(id, resource.body);
  resourceCounts[resource.type] = (resourceCounts[resource.type] ?? 0) + 1;

  if (resource.type.toLowerCase() === RULE_COLLECTION_GROUP_TYPE) {
    const policyId = id.split('/rulecollectiongroups/')[0];
    ruleCollectionGroups.set(policyId, [
      ...(ruleCollectionGroups.get(policyId) ?? []),
      resource.body,
    ]);
  }
}

/** The hash that every generated ReplicaSet's name ends with; the benchmark never changes a template. */
const POD_TEMPLATE_HASH = '6d8f7b9c4d';

/**
 * Returns the Pods of a Deployment as the API server keeps them: one per
 * replica, controlled by the ReplicaSet `<deployment>-<hash>`, with the
 * template's labels and spec. Other objects have none, so that the backend
 * reads every Pod by its metadata alone, as in a fleet without bare Pods.
 */
function podsOf(object: KubernetesResource): KubernetesResource[] {
  if (object.objectKind !== 'Deployment') {
    return [];
  }

  const spec = (object.body.spec ?? {}) as JsonObject;
  const template = (spec.template ?? {}) as JsonObject;
  const templateMetadata = (template.metadata ?? {}) as JsonObject;
  const replicaSet = `${object.name}-${POD_TEMPLATE_HASH}`;
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  return Array.from({ length: replicas }, (_, index) => {
    const name = `${replicaSet}-${index.toString(36).padStart(5, 'x')}`;
    return {
      ...object,
      apiVersion: 'v1',
      objectKind: 'Pod',
      name,
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: String(object.namespace),
          labels: {
            ...((templateMetadata.labels ?? {}) as JsonObject),
            'pod-template-hash': POD_TEMPLATE_HASH,
          },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: replicaSet,
              uid: `${object.namespace}-${replicaSet}`,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: template.spec ?? {},
        status: { phase: 'Running' },
      },
    };
  });
}
