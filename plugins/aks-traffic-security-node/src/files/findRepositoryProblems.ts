import {
  isJsonObject,
  Resource,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { ResourceFilesRead } from './readResourceFiles';
import { undeployedGatewaySettings } from './undeployedGatewaySettings';

/** @public */
export interface RepositoryProblemsOptions {
  /** What `readResourceFiles` read from the repository. */
  read: ResourceFilesRead;
  /** The service's Kubernetes namespace, when known. */
  namespace?: string;
  /** The ARM id of the service's Application Gateway, when known. */
  gatewayId?: string;
  /**
   * The keys of `properties` in the gateway file that the deployment sends,
   * when it merges only some of them into the live gateway. Without it, the
   * whole file is taken as deployed.
   */
  deployedGatewayProperties?: readonly string[];
}

/**
 * Finds what makes a service repository unfit to deploy whatever the checks
 * return, one message per problem. The messages name files and objects but
 * never a value. The problems:
 *
 * - a Kubernetes Secret with `data` or `stringData`, whose values, a TLS
 *   private key for example, would be in the repository's history, where
 *   certificates belong in Key Vault;
 * - an object in a namespace other than the service's, which the checks do
 *   not judge (an object without a namespace is applied to the service's);
 * - a hidden directory or hidden resource file, which resource reading
 *   skips, and a kustomization file, which can change the objects after
 *   they were judged. Other hidden files, such as `.gitkeep`, are allowed;
 * - with `deployedGatewayProperties`, a setting of the gateway file that the
 *   deployment does not send, so the checks would judge a value the live
 *   gateway never gets.
 *
 * @public
 */
export function findRepositoryProblems(
  options: RepositoryProblemsOptions,
): string[] {
  const { read, namespace, gatewayId, deployedGatewayProperties } = options;
  return [
    ...committedSecrets(read.resources),
    ...foreignNamespaces(read.resources, namespace),
    ...read.unreadManifests.map(entry =>
      entry.reason === 'hidden'
        ? `${entry.location} is hidden, so it is not read`
        : `${entry.location} is a kustomization, which can change the objects after they were judged`,
    ),
    ...(deployedGatewayProperties
      ? undeployedGatewaySettings(read, gatewayId, deployedGatewayProperties)
      : []),
  ];
}

function committedSecrets(resources: Resource[]): string[] {
  return resources.flatMap(resource => {
    if (resource.kind !== 'kubernetes' || resource.objectKind !== 'Secret') {
      return [];
    }
    const fields = ['data', 'stringData'].filter(field => {
      const values = resource.body[field];
      return isJsonObject(values) && Object.keys(values).length > 0;
    });
    if (fields.length === 0) {
      return [];
    }
    return [
      `Secret ${qualifiedName(resource)} in ${
        resource.origin.location
      } sets ${fields.join(
        ' and ',
      )}; keep its values in Key Vault and mount them with the Secrets Store CSI driver`,
    ];
  });
}

function foreignNamespaces(
  resources: Resource[],
  namespace: string | undefined,
): string[] {
  if (!namespace) {
    return [];
  }
  return resources.flatMap(resource =>
    resource.kind === 'kubernetes' &&
    resource.namespace !== undefined &&
    resource.namespace !== namespace
      ? [
          `${resource.objectKind} ${qualifiedName(resource)} in ${
            resource.origin.location
          } is not in the service's namespace ${namespace}, so no check judges it`,
        ]
      : [],
  );
}

function qualifiedName(resource: Resource): string {
  return resource.kind === 'kubernetes' && resource.namespace
    ? `${resource.namespace}/${resource.name}`
    : resource.name;
}
