import {
  ArmResource,
  AssessmentScope,
  KubernetesResource,
  OrganisationPolicy,
  ReadFailure,
  ResourceSet,
} from '../types';
import { CheckOutcome } from '../checks/types';
import { unknown } from '../checks/outcomes';
import { armIdKey, sameArmId } from '../resources/armIds';
import { groupBy, indexBy } from '../resources/groupBy';
import { resolvePolicy, ResolvedPolicy } from './policy';

/**
 * The result of looking a resource up: the resource, or the `unknown`
 * outcome a check returns when it is missing or its read failed.
 *
 * @public
 */
export type Lookup<T> =
  | { found: true; value: T }
  | { found: false; outcome: CheckOutcome };

/** @public */
export const MANAGED_CLUSTER_TYPE =
  'Microsoft.ContainerService/managedClusters';
/** @public */
export const APPLICATION_GATEWAY_TYPE = 'Microsoft.Network/applicationGateways';
/** @public */
export const WAF_POLICY_TYPE =
  'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies';

/**
 * Read access to one resource set for the checks, with the lookups that turn
 * missing or unreadable data into `unknown`.
 *
 * @public
 */
export class EvaluationContext {
  readonly scope: AssessmentScope;
  readonly policy: ResolvedPolicy;
  readonly resourceSet: ResourceSet;
  // Indexes of the set's resources, built on first use. Checks look up the
  // same set dozens of times, and a scan compared every ARM id in lower case.
  #armById?: Map<string, ArmResource>;
  #armByType?: Map<string, ArmResource[]>;
  #kubernetesByKind?: Map<string, KubernetesResource[]>;

  constructor(resourceSet: ResourceSet, policy: OrganisationPolicy = {}) {
    this.resourceSet = resourceSet;
    this.scope = resourceSet.scope ?? {};
    this.policy = resolvePolicy(policy);
  }

  /** Returns every ARM resource of a type, compared case-insensitively. */
  armOfType(type: string): ArmResource[] {
    this.#armByType ??= groupBy(this.#arm(), resource =>
      resource.type.toLowerCase(),
    );
    return [...(this.#armByType.get(type.toLowerCase()) ?? [])];
  }

  /** Looks up the entity's AKS cluster. */
  cluster(): Lookup<ArmResource> {
    return this.subject(
      MANAGED_CLUSTER_TYPE,
      this.scope.clusterId,
      'AKS cluster',
    );
  }

  /** Looks up the entity's Application Gateway. */
  gateway(): Lookup<ArmResource> {
    return this.subject(
      APPLICATION_GATEWAY_TYPE,
      this.scope.gatewayId,
      'Application Gateway',
    );
  }

  /**
   * Resolves a reference from one resource to another by ARM id, such as a
   * gateway's `firewallPolicy.id`. A reference that is not in the set is
   * `unresolved-reference`, or the reason of the read that failed.
   */
  armById(id: string, description: string): Lookup<ArmResource> {
    this.#armById ??= indexBy(this.#arm(), candidate => armIdKey(candidate.id));
    const resource = this.#armById.get(armIdKey(id));
    if (resource) {
      return { found: true, value: resource };
    }

    const failure = this.failureFor(id);
    if (failure) {
      return { found: false, outcome: failureOutcome(failure, description) };
    }
    return {
      found: false,
      outcome: unknown(
        'unresolved-reference',
        `The ${description} ${id} is referenced but was not read, so it cannot be judged.`,
        [{ resource: id, note: 'unresolved reference' }],
      ),
    };
  }

  /**
   * Returns the Kubernetes objects of a kind in the service's namespace.
   * The lookup is `unknown` when the namespace was not read or listing the
   * kind failed; an empty list means the kind was read and none exist.
   */
  kubernetes(objectKind: string): Lookup<KubernetesResource[]> {
    const failure = this.failureFor(`kubernetes:${objectKind}`);
    if (failure) {
      return {
        found: false,
        outcome: failureOutcome(failure, `${objectKind} objects`),
      };
    }
    if (!this.resourceSet.kubernetesNamespaceRead) {
      return {
        found: false,
        outcome: unknown(
          'missing-resource',
          `No Kubernetes objects were read for this service, so its ${objectKind} objects cannot be judged.`,
          [
            {
              note: `namespace ${this.scope.namespace ?? '(not set)'} not read`,
            },
          ],
        ),
      };
    }

    const namespace = this.scope.namespace;
    const objects = this.#kubernetesOfKind(objectKind).filter(
      resource =>
        namespace === undefined ||
        resource.namespace === undefined ||
        resource.namespace === namespace,
    );
    return { found: true, value: objects };
  }

  /** Returns the Kubernetes objects of a kind in any namespace that was read. */
  kubernetesInAnyNamespace(objectKind: string): KubernetesResource[] {
    return [...this.#kubernetesOfKind(objectKind)];
  }

  /** Returns the index's own array of a kind, which callers must not change. */
  #kubernetesOfKind(objectKind: string): readonly KubernetesResource[] {
    this.#kubernetesByKind ??= groupBy(
      this.resourceSet.resources.filter(
        (resource): resource is KubernetesResource =>
          resource.kind === 'kubernetes',
      ),
      resource => resource.objectKind,
    );
    return this.#kubernetesByKind.get(objectKind) ?? [];
  }

  #arm(): ArmResource[] {
    return this.resourceSet.resources.filter(
      (resource): resource is ArmResource => resource.kind === 'arm',
    );
  }

  private subject(
    type: string,
    id: string | undefined,
    description: string,
  ): Lookup<ArmResource> {
    if (id) {
      return this.armById(id, description);
    }

    const candidates = this.armOfType(type);
    if (candidates.length === 1) {
      return { found: true, value: candidates[0] };
    }

    const failure = this.resourceSet.failures.find(item =>
      item.target.toLowerCase().includes(`/${type.toLowerCase()}/`),
    );
    if (failure) {
      return { found: false, outcome: failureOutcome(failure, description) };
    }
    const message =
      candidates.length === 0
        ? `No ${description} was read, so this check cannot be judged.`
        : `${candidates.length} resources of type ${type} were read and none is named as the ${description}, so this check cannot be judged.`;
    return {
      found: false,
      outcome: unknown('missing-resource', message, [
        {
          note: `expected one ${type}`,
          observed: candidates.map(candidate => candidate.id),
        },
      ]),
    };
  }

  private failureFor(target: string): ReadFailure | undefined {
    return this.resourceSet.failures.find(failure =>
      sameArmId(failure.target, target),
    );
  }
}

function failureOutcome(
  failure: ReadFailure,
  description: string,
): CheckOutcome {
  return unknown(
    failure.reason,
    `The ${description} could not be read: ${failure.message}`,
    [{ resource: failure.target, note: failure.reason }],
  );
}
