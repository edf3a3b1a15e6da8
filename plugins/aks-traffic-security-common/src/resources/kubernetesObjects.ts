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
 * neither, so they take both from the list. The bodies leave out
 * `metadata.managedFields` and the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation.
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
      body: withoutBookkeeping(value, metadata),
      origin: { ...origin, format: 'kubernetes' },
    },
  ];
}

/** The annotation in which `kubectl apply` keeps a copy of the object it applied. */
const LAST_APPLIED_ANNOTATION =
  'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Returns the object without `metadata.managedFields` and the
 * last-applied-configuration annotation, copying only what changes. The API
 * server returns managed fields with every object, and client-side
 * `kubectl apply` adds the annotation. They repeat the object's field names
 * or the whole object, and no check reads them. A refresh keeps each
 * cluster's objects in memory while its entities are evaluated.
 */
function withoutBookkeeping(object: JsonObject, metadata: JsonObject) {
  const annotations = isJsonObject(metadata.annotations)
    ? metadata.annotations
    : undefined;
  const lastApplied =
    annotations !== undefined && LAST_APPLIED_ANNOTATION in annotations;
  if (!('managedFields' in metadata) && !lastApplied) {
    return object;
  }

  const { managedFields: _managedFields, ...kept } = metadata;
  if (lastApplied) {
    const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...otherAnnotations } =
      annotations;
    kept.annotations = otherAnnotations;
  }
  return { ...object, metadata: kept };
}
