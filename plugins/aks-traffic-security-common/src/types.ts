/**
 * The outcome of one check. Ordered from worst to best by {@link VERDICT_ORDER}:
 * `fail` > `unknown` > `warn` > `pass` > `not-applicable`.
 *
 * @public
 */
export type Verdict = 'pass' | 'warn' | 'fail' | 'not-applicable' | 'unknown';

/**
 * One of the four traffic flows of an AKS workload.
 *
 * @public
 */
export type Flow = 'ingress' | 'egress' | 'pod-to-pod' | 'management';

/**
 * The severities of a check, most severe first.
 *
 * @public
 */
export const SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
] as const;

/** @public */
export type Severity = (typeof SEVERITIES)[number];

/**
 * How firmly the target architecture demands a check. An `advisory` check
 * never returns `fail`, only `warn`.
 *
 * @public
 */
export type CheckLevel = 'required' | 'baseline' | 'advisory';

/** @public */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** @public */
export type JsonObject = { [key: string]: JsonValue };

/**
 * The input shape a resource body was read in, before it was converted to
 * the ARM wire shape or taken as a Kubernetes object:
 *
 * - `arm-resource`: an ARM wire body, as a GET or a list page returns it.
 * - `az-cli`: `az ... show -o json` or `az ... list` output, or an Azure Resource Graph row.
 * - `sdk-model`: a JavaScript SDK model, flattened like the CLI output.
 * - `arm-template`: a resource of an ARM template. It is a desired state, so
 *   read-only properties are absent and absent properties take the create defaults.
 * - `api-example`: the `responses["200"].body` of an API example file.
 * - `kubernetes`: a Kubernetes object.
 *
 * @public
 */
export type ResourceFormat =
  | 'arm-resource'
  | 'az-cli'
  | 'sdk-model'
  | 'arm-template'
  | 'api-example'
  | 'kubernetes';

/**
 * Where a resource body came from and when it was read.
 *
 * @public
 */
export interface ResourceOrigin {
  /** The kind of source: `azure`, `kubernetes`, `snapshot`, `workspace` or `file`. */
  source: string;
  /** A file path or request URL, never containing credentials. */
  location: string;
  /** ISO 8601 time of the read, when known. */
  readAt?: string;
  /**
   * The ARM api-version of the read, or the `apiVersion` of an ARM template
   * resource, when known. A saved body carries none.
   */
  apiVersion?: string;
  /** The input shape the body was read in, when known. */
  format?: ResourceFormat;
}

/**
 * An Azure Resource Manager resource in ARM wire shape (`id`, `name`,
 * `type`, `properties`), whatever shape it was read in.
 *
 * @public
 */
export interface ArmResource {
  kind: 'arm';
  /** The ARM resource id. Synthesised for ARM template resources. */
  id: string;
  /** The resource type, for example `Microsoft.Network/applicationGateways`. */
  type: string;
  name: string;
  body: JsonObject;
  origin: ResourceOrigin;
}

/**
 * A Kubernetes object as `kubectl get -o yaml` prints it.
 *
 * @public
 */
export interface KubernetesResource {
  kind: 'kubernetes';
  apiVersion: string;
  /** The object's `kind`, for example `Ingress`. */
  objectKind: string;
  name: string;
  namespace?: string;
  body: JsonObject;
  origin: ResourceOrigin;
}

/** @public */
export type Resource = ArmResource | KubernetesResource;

/**
 * A read that did not produce a resource. The checks that need the resource
 * return `unknown` with this reason instead of judging missing data.
 *
 * @public
 */
export interface ReadFailure {
  /** The ARM id, or `kubernetes:<Kind>` for a Kubernetes list, that could not be read. */
  target: string;
  /** A short machine-readable code such as `not-found`, `forbidden`, `throttled` or `invalid-document`. */
  reason: string;
  /** A human-readable explanation, free of secrets. */
  message: string;
}

/**
 * What an assessment is about: the resources an entity names. Checks look up
 * the cluster and gateway by these ids; where an id is absent and the set
 * holds exactly one resource of the type, that one is used.
 *
 * @public
 */
export interface AssessmentScope {
  clusterId?: string;
  gatewayId?: string;
  /** The Kubernetes namespace of the service. */
  namespace?: string;
  /** The public host names the service answers on. */
  hostNames?: string[];
  /** The private DNS suffix of the internal ingress hop, for example `aks-ingress.contoso.com`. */
  internalDomainSuffix?: string;
  /** The App Gateway subnet prefix, for checks that restrict traffic to it. */
  gatewaySubnetPrefix?: string;
  /** True when the service runs TLS from the ingress controller to its pods. */
  tlsToPod?: boolean;
}

/**
 * Everything the checks need for one entity.
 *
 * @public
 */
export interface ResourceSet {
  scope: AssessmentScope;
  resources: Resource[];
  failures: ReadFailure[];
  /**
   * True when the service's Kubernetes namespace was read (listed live, a
   * snapshot folder, or manifest files), so an absent kind means none exist.
   * When false, every Kubernetes check is `unknown`.
   */
  kubernetesNamespaceRead: boolean;
}

/**
 * One fact behind a verdict.
 *
 * @public
 */
export interface Evidence {
  /** ARM id or `<namespace>/<Kind>/<name>` of the resource read. */
  resource?: string;
  /** JSONPath-like property path from the resource root. */
  path?: string;
  observed?: JsonValue;
  expected?: JsonValue;
  /** Names of the offending elements of a collection (listeners, rules, policies). */
  elements?: string[];
  note?: string;
}

/**
 * The verdict of one check with the facts that led to it.
 *
 * @public
 */
export interface CheckResult {
  checkId: string;
  flow: Flow;
  severity: Severity;
  level: CheckLevel;
  title: string;
  verdict: Verdict;
  /** A machine-readable reason code for `unknown` and `warn` verdicts, such as `missing-resource`. */
  reason?: string;
  message: string;
  evidence: Evidence[];
  remediation: string;
  documentationUrl: string;
}

/** @public */
export type VerdictCounts = Record<Verdict, number>;

/**
 * The status of one flow: the worst verdict of its checks.
 *
 * @public
 */
export interface FlowStatus {
  flow: Flow;
  verdict: Verdict;
  counts: VerdictCounts;
}

/**
 * The result of evaluating one resource set.
 *
 * @public
 */
export interface Assessment {
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
  verdict: Verdict;
  flows: FlowStatus[];
  checks: CheckResult[];
  counts: VerdictCounts;
}

/**
 * Organisation policy applied by the evaluator.
 *
 * @public
 */
export interface OrganisationPolicy {
  /** Ids of checks that are not run. */
  disabledChecks?: string[];
  /** Severity per check id, replacing the catalog's severity. */
  severityOverrides?: Record<string, Severity>;
  /** Cipher suites accepted in Custom and CustomV2 TLS policies. */
  approvedCipherSuites?: string[];
  /** Network policy engines accepted on clusters, lower case. */
  acceptedNetworkPolicyEngines?: string[];
  /** When true, plaintext from the ingress controller to the pods is a warning. */
  requireTlsToPod?: boolean;
}
