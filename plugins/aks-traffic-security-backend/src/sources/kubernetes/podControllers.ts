import {
  isJsonObject,
  KubernetesResource,
  objectsAt,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The label with which a Deployment's ReplicaSet tells its Pods apart, also the end of the ReplicaSet's name. */
const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/**
 * The built-in kinds that control Pods, by the `apiVersion` group of an
 * owner reference. A custom kind with the same name, such as OpenKruise's
 * `apps.kruise.io` StatefulSet, is not one of them.
 */
const CONTROLLER_GROUPS: Record<string, string> = {
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  Job: 'batch',
};

/**
 * Returns the names of the workloads that some Pods may belong to, as keys
 * for `isControlledByWorkload`.
 */
export function workloadKeys(workloads: KubernetesResource[]): Set<string> {
  return new Set(
    workloads.map(workload => `${workload.objectKind}/${workload.name}`),
  );
}

/**
 * Returns whether a Pod belongs to one of the workloads read in its
 * namespace, so that the checks judge it through the workload's pod
 * template. A Deployment controls its Pods through a ReplicaSet that it
 * names `<deployment>-<pod-template-hash>`. A Pod that any other kind
 * controls, or that no controller owns, is judged as a Pod of its own.
 * The Pod may be whole or its metadata alone.
 */
export function isControlledByWorkload(
  pod: KubernetesResource,
  workloads: Set<string>,
): boolean {
  const controller = objectsAt(pod.body, 'metadata.ownerReferences').find(
    reference => reference.controller === true,
  );
  if (!controller) {
    return false;
  }

  const kind = String(controller.kind);
  const name = String(controller.name);
  const group = String(controller.apiVersion).split('/').slice(0, -1).join('/');
  if (
    !Object.hasOwn(CONTROLLER_GROUPS, kind) ||
    CONTROLLER_GROUPS[kind] !== group
  ) {
    return false;
  }
  if (kind !== 'ReplicaSet') {
    return workloads.has(`${kind}/${name}`);
  }

  const metadata = isJsonObject(pod.body.metadata) ? pod.body.metadata : {};
  const labels = isJsonObject(metadata.labels) ? metadata.labels : {};
  const hash = labels[POD_TEMPLATE_HASH_LABEL];
  if (typeof hash !== 'string' || !name.endsWith(`-${hash}`)) {
    return false;
  }
  const deployment = name.slice(0, -(hash.length + 1));
  return workloads.has(`Deployment/${deployment}`);
}
