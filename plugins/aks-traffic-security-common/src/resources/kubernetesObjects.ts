import { JsonObject, KubernetesResource, ResourceOrigin } from '../types';
import { isJsonObject } from './json';

/**
 * Tells whether a JSON value is a Kubernetes object or list: it has a string
 * `kind` and a string `apiVersion`.
 *
 * @public
 */
export function isKubernetesObject(value: unknown): value is JsonObject {
  return (
    isJsonObject(value) &&
    typeof value.kind === 'string' &&
    typeof value.apiVersion === 'string'
  );
}

/**
 * Returns the Kubernetes objects in one object or list. `kubectl get -o yaml`
 * prints a `kind: List` whose items carry their own `kind` and `apiVersion`.
 * The API server returns typed lists such as `IngressList`, whose items carry
 * neither, so they take both from the list.
 *
 * @public
 */
export function kubernetesObjects(
  value: JsonObject,
  origin: ResourceOrigin,
): KubernetesResource[] {
  const kind = String(value.kind);
  const apiVersion = String(value.apiVersion);

  if (kind.endsWith('List') && Array.isArray(value.items)) {
    const itemKind =
      kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    return value.items.filter(isJsonObject).flatMap(item => {
      const withType: JsonObject = {
        ...item,
        kind: typeof item.kind === 'string' ? item.kind : itemKind ?? '',
        apiVersion:
          typeof item.apiVersion === 'string' ? item.apiVersion : apiVersion,
      };
      return withType.kind === '' ? [] : kubernetesObjects(withType, origin);
    });
  }

  const metadata = isJsonObject(value.metadata) ? value.metadata : {};
  return [
    {
      kind: 'kubernetes',
      apiVersion,
      objectKind: kind,
      name: typeof metadata.name === 'string' ? metadata.name : '',
      namespace:
        typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
      body: value,
      origin: { ...origin, format: 'kubernetes' },
    },
  ];
}
