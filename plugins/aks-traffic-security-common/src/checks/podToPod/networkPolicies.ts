import { JsonObject, KubernetesResource } from '../../types';
import { EvaluationContext } from '../../evaluator/EvaluationContext';
import {
  getPath,
  isJsonObject,
  objectsAt,
  stringAt,
} from '../../resources/json';
import { isAnyAddress, parseCidr } from '../../resources/cidr';
import { labelsAt, namespaceOf } from '../ingress/kubernetes/kubernetesObjects';
import {
  isEmptySelector,
  matchesSelector,
  meetsRequirement,
  SelectorRequirement,
  selectorRequirements,
} from './labelSelectors';

/** The label Kubernetes (1.21 and later) sets on every namespace to its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Pods known by the labels of their template and their namespace. */
export interface PodGroup {
  labels: Record<string, string>;
  namespace?: string;
  /** `<namespace>/<Kind>/<name>` of the object the labels were read from, for evidence. */
  source: string;
  /** The path of the labels in that object. */
  labelsPath: string;
}

export type PolicyDirection = 'Ingress' | 'Egress';

/**
 * Returns the policy types a NetworkPolicy enforces. When `policyTypes` is
 * omitted, the API server defaults it to `Ingress`, plus `Egress` only when
 * the policy has egress rules.
 */
export function effectivePolicyTypes(
  policy: KubernetesResource,
): PolicyDirection[] {
  const declared = getPath(policy.body, 'spec.policyTypes');
  if (Array.isArray(declared) && declared.length > 0) {
    return declared.filter(
      (type): type is PolicyDirection =>
        type === 'Ingress' || type === 'Egress',
    );
  }
  const egress = getPath(policy.body, 'spec.egress');
  return Array.isArray(egress) && egress.length > 0
    ? ['Ingress', 'Egress']
    : ['Ingress'];
}

/**
 * Tells whether a NetworkPolicy applies to a pod group: same namespace and a
 * matching `spec.podSelector`. An omitted podSelector decodes to the empty
 * selector, which selects every pod of the namespace.
 */
export function policySelects(
  policy: KubernetesResource,
  pods: PodGroup,
  context: EvaluationContext,
): boolean {
  const policyNamespace = namespaceOf(policy, context);
  if (
    policyNamespace !== undefined &&
    pods.namespace !== undefined &&
    policyNamespace !== pods.namespace
  ) {
    return false;
  }
  return matchesSelector(
    getPath(policy.body, 'spec.podSelector') ?? {},
    pods.labels,
  );
}

/** Returns the policies that apply to a pod group in a direction. */
export function policiesFor(
  policies: KubernetesResource[],
  pods: PodGroup,
  direction: PolicyDirection,
  context: EvaluationContext,
): KubernetesResource[] {
  return policies.filter(
    policy =>
      effectivePolicyTypes(policy).includes(direction) &&
      policySelects(policy, pods, context),
  );
}

/** One ingress or egress rule of a NetworkPolicy. */
export interface PolicyRule {
  policy: KubernetesResource;
  /** `<policy>.ingress[<index>]`, for evidence. */
  name: string;
  path: string;
  /** The `from` or `to` peers; `undefined` or empty when the rule names none, which admits every peer. */
  peers: JsonObject[] | undefined;
  ports: JsonObject[];
}

/** Returns the rules of a policy in one direction. */
export function policyRules(
  policy: KubernetesResource,
  direction: PolicyDirection,
): PolicyRule[] {
  const key = direction === 'Ingress' ? 'ingress' : 'egress';
  const peerKey = direction === 'Ingress' ? 'from' : 'to';
  return objectsAt(policy.body, `spec.${key}`).map((rule, index) => {
    const peers = rule[peerKey];
    return {
      policy,
      name: `${policy.name}.${key}[${index}]`,
      path: `spec.${key}[${index}]`,
      peers: Array.isArray(peers) ? peers.filter(isJsonObject) : undefined,
      ports: objectsAt(rule, 'ports'),
    };
  });
}

/** The sources or destinations that one NetworkPolicy peer admits. */
export type PeerScope =
  /**
   * Every address: an empty peer or an ipBlock of `/0`. A `/0` with an
   * `except` list still admits every other address, the internet included.
   */
  | { kind: 'everything'; description: string; except: string[] }
  /** Every pod of every namespace. */
  | { kind: 'all-pods'; description: string }
  | { kind: 'ip-block'; cidr: string; except: string[] }
  | {
      kind: 'pods';
      /** `undefined` means the policy's own namespace. */
      namespaceSelector?: JsonObject;
      /** `undefined` means every pod of the selected namespaces. */
      podSelector?: JsonObject;
    };

/** Classifies a NetworkPolicy peer by what it admits. */
export function classifyPeer(peer: JsonObject): PeerScope {
  const ipBlock = peer.ipBlock;
  if (isJsonObject(ipBlock)) {
    const cidr = stringAt(ipBlock, 'cidr') ?? '';
    const except = Array.isArray(ipBlock.except)
      ? ipBlock.except.filter(
          (item): item is string => typeof item === 'string',
        )
      : [];
    const parsed = parseCidr(cidr);
    if (parsed && isAnyAddress(parsed)) {
      const description =
        except.length === 0
          ? `ipBlock ${cidr}`
          : `ipBlock ${cidr} except ${except.join(', ')}`;
      return { kind: 'everything', description, except };
    }
    return { kind: 'ip-block', cidr, except };
  }

  const namespaceSelector = isJsonObject(peer.namespaceSelector)
    ? peer.namespaceSelector
    : undefined;
  const podSelector = isJsonObject(peer.podSelector)
    ? peer.podSelector
    : undefined;
  if (!namespaceSelector && !podSelector) {
    return { kind: 'everything', description: 'an empty peer {}', except: [] };
  }
  if (
    isEmptySelector(namespaceSelector) &&
    (!podSelector || isEmptySelector(podSelector))
  ) {
    return {
      kind: 'all-pods',
      description: 'namespaceSelector {} without a podSelector',
    };
  }
  return { kind: 'pods', namespaceSelector, podSelector };
}

/**
 * Tells whether a namespace selector selects every namespace, or every
 * namespace except some it excludes, so that anyone who can create a
 * namespace can get selected. That is the case when no requirement names a
 * namespace or a label that must be present: the selector is empty, or it
 * has only `NotIn` and `DoesNotExist` requirements and `Exists` on
 * `kubernetes.io/metadata.name`, which every namespace carries. An absent
 * or invalid selector returns false.
 */
export function selectsAnyNamespace(selector: unknown): boolean {
  if (!isJsonObject(selector)) {
    return false;
  }
  const requirements = selectorRequirements(selector);
  if (requirements === undefined) {
    return false;
  }
  return requirements.every(requirement => {
    if (requirement.key === NAMESPACE_NAME_LABEL) {
      // DoesNotExist on the name label selects no namespace at all.
      return (
        requirement.operator === 'Exists' || requirement.operator === 'NotIn'
      );
    }
    return onlyExcludes(requirement);
  });
}

/**
 * Tells whether a pod selector selects every pod, or every pod except some
 * it excludes: it is empty or has only `NotIn` and `DoesNotExist`
 * requirements, so a new pod matches it unless it carries an excluded
 * label. An absent or invalid selector returns false.
 */
export function selectsAnyPod(selector: unknown): boolean {
  if (!isJsonObject(selector)) {
    return false;
  }
  const requirements = selectorRequirements(selector);
  return requirements !== undefined && requirements.every(onlyExcludes);
}

/** Tells whether a requirement only excludes labels, so that a label set without them meets it. */
function onlyExcludes(requirement: SelectorRequirement): boolean {
  return (
    requirement.operator === 'NotIn' || requirement.operator === 'DoesNotExist'
  );
}

/** `unconfirmed` means the result depends on namespace labels that were not read. */
export type MatchResult = 'yes' | 'no' | 'unconfirmed';

/**
 * Matches a selector against labels of which only some are known: a
 * requirement on a key that `isKnown` accepts is decided by `labels`, and
 * one on any other key that `labels` does not meet leaves the result
 * `unconfirmed`.
 */
export function matchKnownLabels(
  selector: JsonObject,
  labels: Record<string, string>,
  isKnown: (key: string) => boolean,
): MatchResult {
  const requirements = selectorRequirements(selector);
  if (requirements === undefined) {
    return 'no';
  }
  let result: MatchResult = 'yes';
  for (const requirement of requirements) {
    if (meetsRequirement(requirement, labels)) {
      continue;
    }
    if (isKnown(requirement.key)) {
      return 'no';
    }
    result = 'unconfirmed';
  }
  return result;
}

/**
 * Tells whether a namespace selector selects a namespace. Only the
 * `kubernetes.io/metadata.name` label is known without the Namespace object;
 * with the object read, all of its labels are.
 */
export function namespaceSelectorMatches(
  selector: JsonObject,
  namespace: string | undefined,
  context: EvaluationContext,
): MatchResult {
  if (namespace === undefined) {
    return isEmptySelector(selector) ? 'yes' : 'unconfirmed';
  }

  const namespaceObject = context
    .kubernetesInAnyNamespace('Namespace')
    .find(candidate => candidate.name === namespace);
  const labels = {
    ...(namespaceObject
      ? labelsAt(namespaceObject.body, 'metadata.labels')
      : {}),
    [NAMESPACE_NAME_LABEL]: namespace,
  };
  return matchKnownLabels(
    selector,
    labels,
    key => namespaceObject !== undefined || key === NAMESPACE_NAME_LABEL,
  );
}

/** Returns the strongest of several match results: `yes`, then `unconfirmed`, then `no`. */
export function strongestMatch(results: MatchResult[]): MatchResult {
  if (results.includes('yes')) {
    return 'yes';
  }
  return results.includes('unconfirmed') ? 'unconfirmed' : 'no';
}

/** Tells whether a `pods` peer of a policy admits a pod group. */
export function peerSelectsPods(
  peer: Extract<PeerScope, { kind: 'pods' }>,
  policy: KubernetesResource,
  pods: PodGroup,
  context: EvaluationContext,
): MatchResult {
  if (peer.podSelector && !matchesSelector(peer.podSelector, pods.labels)) {
    return 'no';
  }
  if (!peer.namespaceSelector) {
    const policyNamespace = namespaceOf(policy, context);
    return policyNamespace === undefined ||
      pods.namespace === undefined ||
      policyNamespace === pods.namespace
      ? 'yes'
      : 'no';
  }
  return namespaceSelectorMatches(
    peer.namespaceSelector,
    pods.namespace,
    context,
  );
}
