import {
  isJsonObject,
  ResourceSet,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Returns one line per Kubernetes Secret in the workspace that carries
 * values in `data` or `stringData`, naming the Secret and its file but no
 * value. Published, such a Secret puts its values, a TLS private key for
 * example, in the repository's history, where certificates must instead
 * come from Key Vault through the Secrets Store CSI driver.
 */
export function findCommittedSecrets(resourceSet: ResourceSet): string[] {
  const found: string[] = [];
  for (const resource of resourceSet.resources) {
    if (resource.kind !== 'kubernetes' || resource.objectKind !== 'Secret') {
      continue;
    }

    const fields = ['data', 'stringData'].filter(field => {
      const values = resource.body[field];
      return isJsonObject(values) && Object.keys(values).length > 0;
    });
    if (fields.length > 0) {
      const name = resource.namespace
        ? `${resource.namespace}/${resource.name}`
        : resource.name;
      found.push(
        `- Secret ${name} in ${resource.origin.location} sets ${fields.join(
          ' and ',
        )}`,
      );
    }
  }
  return found;
}
