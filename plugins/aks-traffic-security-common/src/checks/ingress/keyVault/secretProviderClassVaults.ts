import { KubernetesResource, ResourceSet } from '../../../types';
import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { isJsonObject, objectsAt, stringAt } from '../../../resources/json';
import { unknown } from '../../outcomes';
import { GroupOutcome } from '../shared/combineGroups';
import {
  podTemplatePath,
  readNamespaceWorkloads,
} from '../../podToPod/exposedServices';
import {
  kindReadFailure,
  namespaceOf,
  objectRef,
} from '../kubernetes/kubernetesObjects';
import { controllerWorkloads } from '../kubernetes/ingressControllers';
import { readEntryPoints, servingControllers } from '../kubernetes/entryPoints';
import {
  SECRETS_STORE_CSI_DRIVER,
  secretProviderClassesIn,
  spcParameter,
} from '../kubernetes/secretProviderClasses';

/** The Key Vaults named by the SecretProviderClasses that are mounted for the service. */
export interface SecretProviderClassVaults {
  /** Vault names in lower case, each with its users, such as `SecretProviderClass a0008/ingress-tls`. */
  names: Map<string, string[]>;
  /** `unknown` outcomes for mounts whose vault is not known because a Kubernetes list failed. */
  failed: GroupOutcome[];
  /**
   * `unknown` outcomes for mounts whose vault is not known although every
   * list succeeded: a volume without a class name, a class that does not
   * exist, or a class without `keyvaultName`. The SecretProviderClass check
   * fails a class without `keyvaultName`, and the controller certificate
   * check fails a controller volume without an existing class.
   */
  unresolved: GroupOutcome[];
}

/** A Secrets Store CSI volume in a workload's pod template. */
interface SpcMount {
  workload: KubernetesResource;
  volumeName: string;
  spcName?: string;
}

// Both Key Vault checks of an evaluation look the classes up, so each
// evaluation finds them once. Callers must not change the cached result.
const cache = new WeakMap<EvaluationContext, SecretProviderClassVaults>();

/**
 * Finds the Key Vaults of the SecretProviderClasses that the serving ingress
 * controllers and the service's own pods mount, each class looked up in the
 * namespace of the workload that mounts it. Classes of another provider
 * read no Azure Key Vault and are left out. When the service's namespace
 * on its cluster was not read, returns only an `unknown` outcome that states
 * so, and nothing for a set without a cluster.
 */
export function secretProviderClassVaults(
  context: EvaluationContext,
): SecretProviderClassVaults {
  const cached = cache.get(context);
  if (cached) {
    return cached;
  }

  const result = findVaults(context);
  cache.set(context, result);
  return result;
}

function findVaults(context: EvaluationContext): SecretProviderClassVaults {
  const result: SecretProviderClassVaults = {
    names: new Map(),
    failed: [],
    unresolved: [],
  };
  if (!context.resourceSet.kubernetesNamespaceRead) {
    if (context.scope.clusterId === undefined) {
      // Files without a cluster, such as an ARM template, are judged alone.
      return result;
    }
    // A gateway vault alone must not pass the check while the vaults of
    // the cluster's in-cluster certificates are not known.
    result.failed.push({
      ...unknown(
        'missing-resource',
        "The Kubernetes objects of the service's namespace were not read, so the Key Vaults of the SecretProviderClasses mounted for the service are not known.",
        [],
      ),
      elements: ['SecretProviderClass objects'],
    });
    return result;
  }

  // Without the workloads, the classes their pods mount are not known.
  const namespaceWorkloads = readNamespaceWorkloads(context);
  for (const entry of namespaceWorkloads.unread) {
    result.failed.push({
      ...unknown(
        entry.reason ?? 'missing-resource',
        `${entry.message} The SecretProviderClasses that their pods mount, and so their Key Vaults, are not known.`,
        entry.evidence,
      ),
      elements: [entry.element],
    });
  }

  const workloads = mountingWorkloads(context, namespaceWorkloads.workloads);
  for (const mount of workloads.flatMap(spcMounts)) {
    addMount(mount, context, result);
  }
  return result;
}

/**
 * Returns the lower-case names of the Key Vaults named by the
 * SecretProviderClasses that are mounted for the service, so that a source
 * can read them before the checks judge them.
 *
 * @public
 */
export function secretProviderClassVaultNames(
  resourceSet: ResourceSet,
): string[] {
  const context = new EvaluationContext(resourceSet);
  return [...secretProviderClassVaults(context).names.keys()];
}

/**
 * Returns the serving ingress controllers and the service namespace's
 * workloads, each once. When the entry points cannot be read or one's
 * controller is not identified, every controller read may serve the
 * service, so every controller counts.
 */
function mountingWorkloads(
  context: EvaluationContext,
  namespaceWorkloads: KubernetesResource[],
): KubernetesResource[] {
  const entryPoints = readEntryPoints(context);
  const controllers =
    entryPoints.found && entryPoints.value.unidentified.length === 0
      ? servingControllers(entryPoints.value, context)
      : controllerWorkloads(context);

  return [
    ...new Set([
      ...controllers.map(controller => controller.workload),
      ...namespaceWorkloads,
    ]),
  ];
}

function spcMounts(workload: KubernetesResource): SpcMount[] {
  return objectsAt(workload.body, podTemplatePath(workload, 'spec.volumes'))
    .filter(
      volume =>
        isJsonObject(volume.csi) &&
        volume.csi.driver === SECRETS_STORE_CSI_DRIVER,
    )
    .map(volume => ({
      workload,
      volumeName: String(volume.name),
      spcName: stringAt(volume, 'csi.volumeAttributes.secretProviderClass'),
    }));
}

function addMount(
  mount: SpcMount,
  context: EvaluationContext,
  result: SecretProviderClassVaults,
): void {
  const workload = objectRef(mount.workload, context);
  if (!mount.spcName) {
    result.unresolved.push({
      ...unknown(
        'unresolved-reference',
        `${workload} mounts Secrets Store CSI volume ${mount.volumeName} without a SecretProviderClass, so the Key Vault it reads cannot be judged.`,
        [
          {
            resource: workload,
            path: `volumes[${mount.volumeName}].csi.volumeAttributes.secretProviderClass`,
            observed: null,
          },
        ],
      ),
      elements: [`${workload} volume ${mount.volumeName}`],
    });
    return;
  }

  const namespace = namespaceOf(mount.workload, context);
  const spc = secretProviderClassesIn(context, namespace).find(
    candidate => candidate.name === mount.spcName,
  );
  if (!spc) {
    addMissingClass(mount.spcName, namespace, workload, context, result);
    return;
  }
  if (stringAt(spc.body, 'spec.provider') !== 'azure') {
    return;
  }

  const user = `SecretProviderClass ${namespace ?? '(namespace unknown)'}/${
    spc.name
  }`;
  const vaultName = spcParameter(spc, 'keyvaultName')?.toLowerCase();
  if (!vaultName) {
    result.unresolved.push({
      ...unknown(
        'unresolved-reference',
        `${user} sets no keyvaultName, so the Key Vault that holds its objects cannot be judged.`,
        [
          {
            resource: objectRef(spc, context),
            path: 'spec.parameters.keyvaultName',
            observed: null,
            expected: 'a Key Vault name',
          },
        ],
      ),
      elements: [objectRef(spc, context)],
    });
    return;
  }

  const users = result.names.get(vaultName) ?? [];
  if (!users.includes(user)) {
    users.push(user);
  }
  result.names.set(vaultName, users);
}

function addMissingClass(
  spcName: string,
  namespace: string | undefined,
  workload: string,
  context: EvaluationContext,
  result: SecretProviderClassVaults,
): void {
  const element = `${
    namespace ?? '(namespace unknown)'
  }/SecretProviderClass/${spcName}`;
  const failure = kindReadFailure(context, 'SecretProviderClass');
  if (failure) {
    result.failed.push({
      ...unknown(
        failure.reason,
        `SecretProviderClass ${spcName}, mounted by ${workload}, could not be read, so its Key Vault cannot be judged: ${failure.message}`,
        [{ resource: failure.target, note: failure.reason }],
      ),
      elements: [element],
    });
    return;
  }
  result.unresolved.push({
    ...unknown(
      'unresolved-reference',
      `${workload} mounts SecretProviderClass ${spcName}, which does not exist in namespace ${
        namespace ?? '(unknown)'
      }, so the Key Vault it reads cannot be judged.`,
      [{ resource: workload, observed: spcName, note: 'class not found' }],
    ),
    elements: [element],
  });
}
