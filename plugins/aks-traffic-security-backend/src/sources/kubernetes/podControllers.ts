import {
  getPath,
  isEmptySelector,
  isJsonObject,
  JsonObject,
  KubernetesResource,
  matchesSelector,
  objectsAt,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/** The label that distinguishes the Pods of a Deployment's ReplicaSets, also the end of each ReplicaSet's name. */
const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** The label with which a StatefulSet marks the revision of each Pod's template. */
const CONTROLLER_REVISION_LABEL = 'controller-revision-hash';

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

/** Returns the workloads that some Pods may belong to, by `<kind>/<name>`, for `isControlledByWorkload`. */
export function workloadIndex(
  workloads: KubernetesResource[],
): Map<string, KubernetesResource> {
  return new Map(
    workloads.map(workload => [
      `${workload.objectKind}/${workload.name}`,
      workload,
    ]),
  );
}

/**
 * Returns whether a Pod runs the current pod template of a workload read in
 * its namespace, so that the checks judge it through that template. A
 * Deployment controls its Pods through a ReplicaSet that it names
 * `<deployment>-<pod-template-hash>`. A Pod that any other kind controls,
 * that no controller owns, or that may still run an older template while
 * a rollout is unfinished or paused, is judged as a Pod of its own. The
 * Pod may be whole or its metadata alone.
 */
export function isControlledByWorkload(
  pod: KubernetesResource,
  workloads: Map<string, KubernetesResource>,
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

  const labels = objectAt(pod.body, 'metadata.labels');
  switch (kind) {
    case 'ReplicaSet': {
      const hash = labels[POD_TEMPLATE_HASH_LABEL];
      if (typeof hash !== 'string' || !name.endsWith(`-${hash}`)) {
        return false;
      }
      const deployment = workloads.get(
        `Deployment/${name.slice(0, -(hash.length + 1))}`,
      );
      return (
        deployment !== undefined &&
        isDeploymentRolledOut(deployment) &&
        selectorMatches(deployment, labels)
      );
    }
    case 'StatefulSet': {
      const statefulSet = workloads.get(`StatefulSet/${name}`);
      const updateRevision = statefulSet
        ? objectAt(statefulSet.body, 'status').updateRevision
        : undefined;
      return (
        statefulSet !== undefined &&
        isStatusCurrent(statefulSet) &&
        typeof updateRevision === 'string' &&
        labels[CONTROLLER_REVISION_LABEL] === updateRevision
      );
    }
    case 'DaemonSet': {
      const daemonSet = workloads.get(`DaemonSet/${name}`);
      return daemonSet !== undefined && isDaemonSetRolledOut(daemonSet);
    }
    default:
      // A Job's pod template is immutable, except for the scheduling fields
      // of a suspended Job that never started.
      return workloads.has(`Job/${name}`);
  }
}

/** Tells whether the workload's controller has seen its latest spec, so that its status describes that spec. */
function isStatusCurrent(workload: KubernetesResource): boolean {
  const generation = objectAt(workload.body, 'metadata').generation;
  const observed = objectAt(workload.body, 'status').observedGeneration;
  return (
    typeof generation === 'number' &&
    typeof observed === 'number' &&
    observed >= generation
  );
}

/** Tells whether every Pod a Deployment counts runs its current template, and no rollout is paused. */
function isDeploymentRolledOut(deployment: KubernetesResource): boolean {
  const spec = objectAt(deployment.body, 'spec');
  const status = objectAt(deployment.body, 'status');
  return (
    isStatusCurrent(deployment) &&
    spec.paused !== true &&
    typeof status.updatedReplicas === 'number' &&
    status.updatedReplicas >= Number(status.replicas ?? 0)
  );
}

/** Tells whether every Pod a DaemonSet schedules runs its current template. */
function isDaemonSetRolledOut(daemonSet: KubernetesResource): boolean {
  const status = objectAt(daemonSet.body, 'status');
  return (
    isStatusCurrent(daemonSet) &&
    typeof status.updatedNumberScheduled === 'number' &&
    typeof status.desiredNumberScheduled === 'number' &&
    status.updatedNumberScheduled >= status.desiredNumberScheduled
  );
}

/**
 * Tells whether a Deployment's selector selects the Pod, so that a
 * ReplicaSet that only shares the Deployment's name does not count. The API
 * server rejects a Deployment whose selector is empty, so an empty or
 * missing one here selects no Pod.
 */
function selectorMatches(
  deployment: KubernetesResource,
  labels: JsonObject,
): boolean {
  const selector = objectAt(deployment.body, 'spec.selector');
  if (isEmptySelector(selector)) {
    return false;
  }

  const podLabels = Object.fromEntries(
    Object.entries(labels).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  return matchesSelector(selector, podLabels);
}

/** Returns the object at a dotted path, or an empty one where there is none. */
function objectAt(value: JsonObject, path: string): JsonObject {
  const found = getPath(value, path);
  return isJsonObject(found) ? found : {};
}
