import { JsonObject, KubernetesResource, ReadFailure } from '../../../types';
import {
  EvaluationContext,
  Lookup,
} from '../../../evaluator/EvaluationContext';
import { getPath, isJsonObject, objectsAt } from '../../../resources/json';

/**
 * Returns the namespace an object lives in. A manifest without
 * `metadata.namespace` is applied to the service's namespace, so it counts
 * as being there; `undefined` means neither is known.
 */
export function namespaceOf(
  resource: KubernetesResource,
  context: EvaluationContext,
): string | undefined {
  return resource.namespace ?? context.scope.namespace;
}

/**
 * Tells whether an object is in a namespace, for joins across namespaces.
 * An object without `metadata.namespace`, or a namespace that is not known,
 * matches any, because manifests often leave the namespace to
 * `kubectl apply -n`.
 */
export function isInNamespace(
  resource: KubernetesResource,
  namespace: string | undefined,
): boolean {
  return (
    resource.namespace === undefined ||
    namespace === undefined ||
    resource.namespace === namespace
  );
}

/** Kinds without a namespace, which evidence names as `<Kind>/<name>`. */
const CLUSTER_SCOPED_KINDS = new Set([
  'IngressClass',
  'GatewayClass',
  'Namespace',
  'NginxIngressController',
]);

/** Returns the evidence reference of an object: `<namespace>/<Kind>/<name>`, or `<Kind>/<name>` for cluster-scoped kinds. */
export function objectRef(
  resource: KubernetesResource,
  context: EvaluationContext,
): string {
  const namespace = CLUSTER_SCOPED_KINDS.has(resource.objectKind)
    ? undefined
    : namespaceOf(resource, context);
  return namespace
    ? `${namespace}/${resource.objectKind}/${resource.name}`
    : `${resource.objectKind}/${resource.name}`;
}

/**
 * Reads an annotation. Kubernetes stores annotation values as strings, so a
 * value of any other type (an unquoted `true` in a manifest, which the API
 * server rejects) is returned as `undefined`.
 */
export function annotation(
  resource: KubernetesResource,
  key: string,
): string | undefined {
  const annotations = getPath(resource.body, 'metadata.annotations');
  if (!isJsonObject(annotations)) {
    return undefined;
  }
  const value = annotations[key];
  return typeof value === 'string' ? value : undefined;
}

/** Returns the `metadata.labels` of an object, or of a pod template at `path`. */
export function labelsAt(value: unknown, path: string): Record<string, string> {
  const labels = getPath(value, path);
  if (!isJsonObject(labels)) {
    return {};
  }
  const result: Record<string, string> = {};
  for (const [key, label] of Object.entries(labels)) {
    if (typeof label === 'string') {
      result[key] = label;
    }
  }
  return result;
}

/** Returns the record of a failed read of a Kubernetes kind, if the read failed. */
export function kindReadFailure(
  context: EvaluationContext,
  objectKind: string,
): ReadFailure | undefined {
  return context.resourceSet.failures.find(
    failure => failure.target === `kubernetes:${objectKind}`,
  );
}

/** Returns the objects of a kind, read in any namespace, that are in `namespace`. */
export function objectsInNamespace(
  context: EvaluationContext,
  objectKind: string,
  namespace: string | undefined,
): KubernetesResource[] {
  return context
    .kubernetesInAnyNamespace(objectKind)
    .filter(resource => isInNamespace(resource, namespace));
}

/** Returns the containers of a workload's pod template. */
export function podContainers(workload: KubernetesResource): JsonObject[] {
  return objectsAt(workload.body, 'spec.template.spec.containers');
}

/** Returns the volumes of a workload's pod template. */
export function podVolumes(workload: KubernetesResource): JsonObject[] {
  return objectsAt(workload.body, 'spec.template.spec.volumes');
}

/** Returns the string arguments and command words of a container. */
export function containerArgs(container: JsonObject): string[] {
  const words = [
    ...(Array.isArray(container.command) ? container.command : []),
    ...(Array.isArray(container.args) ? container.args : []),
  ];
  return words.filter((word): word is string => typeof word === 'string');
}

/**
 * Reads a `--name=value` or `--name value` command-line flag from a
 * container's command and arguments.
 */
export function containerFlag(
  container: JsonObject,
  name: string,
): string | undefined {
  const words = containerArgs(container);
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (word.startsWith(`--${name}=`)) {
      return word.slice(name.length + 3);
    }
    if (word === `--${name}` && index + 1 < words.length) {
      return words[index + 1];
    }
  }
  return undefined;
}

/**
 * Expands the `$(POD_NAMESPACE)` reference that controller arguments use,
 * as the kubelet does from the downward API.
 */
export function expandPodNamespace(
  value: string,
  namespace: string | undefined,
): string {
  return namespace === undefined
    ? value
    : value.replace(/\$\(POD_NAMESPACE\)/g, namespace);
}

/**
 * Tells whether a Service's selector picks the pods of a workload: every
 * selector label is on the pod template. An empty selector selects nothing
 * here, because such a Service has manually managed endpoints.
 */
export function selectsWorkload(
  service: KubernetesResource,
  workload: KubernetesResource,
  context: EvaluationContext,
): boolean {
  const selector = labelsAt(service.body, 'spec.selector');
  const entries = Object.entries(selector);
  if (entries.length === 0) {
    return false;
  }
  if (!isInNamespace(workload, namespaceOf(service, context))) {
    return false;
  }
  const podLabels = labelsAt(workload.body, 'spec.template.metadata.labels');
  return entries.every(([key, value]) => podLabels[key] === value);
}

/**
 * Lists a kind in the service's namespace like `context.kubernetes`, but
 * treats a list that failed with `not-found` as empty. The API server
 * returns not-found when the kind's CustomResourceDefinition is not
 * installed, so no object of the kind can exist.
 */
export function listOptionalKind(
  context: EvaluationContext,
  objectKind: string,
): Lookup<KubernetesResource[]> {
  const failure = kindReadFailure(context, objectKind);
  if (
    failure?.reason === 'not-found' &&
    context.resourceSet.kubernetesNamespaceRead
  ) {
    return { found: true, value: [] };
  }
  return context.kubernetes(objectKind);
}
