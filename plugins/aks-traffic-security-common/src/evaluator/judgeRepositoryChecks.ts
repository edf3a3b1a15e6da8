import {
  ArmResource,
  Assessment,
  CheckResult,
  JsonObject,
  ResourceSet,
} from '../types';
import { lastIdSegment, sameArmId } from '../resources/armIds';
import { getPath, isJsonObject, objectsAt, stringAt } from '../resources/json';
import {
  APPLICATION_GATEWAY_TYPE,
  MANAGED_CLUSTER_TYPE,
  WAF_POLICY_TYPE,
} from './EvaluationContext';
import { summarizeAssessment } from './evaluate';

/**
 * The reason of a check that only the live resources can judge.
 *
 * @public
 */
export const NEEDS_LIVE_DATA = 'needs-live-data';

/**
 * A check result as judged on a service repository. `judged` is false for
 * checks whose data a repository does not contain, so they never fail a
 * repository gate.
 *
 * @public
 */
export interface RepositoryCheckResult extends CheckResult {
  judged: boolean;
}

/**
 * The ARM types each check family reads, by the resource part of the check
 * id (`<flow>.<resource>.<rule>`). A repository contains these resources
 * only when someone adds them, and without one the family needs live data.
 */
const LIVE_RESOURCE_TYPES: Record<string, string[]> = {
  aks: [MANAGED_CLUSTER_TYPE],
  waf: [WAF_POLICY_TYPE],
  keyvault: ['Microsoft.KeyVault/vaults'],
  firewall: [
    'Microsoft.Network/azureFirewalls',
    'Microsoft.Network/firewallPolicies',
    'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
  ],
  routetable: ['Microsoft.Network/routeTables'],
};

/**
 * Gateway checks that read gateway-wide settings, which a service's part of
 * the gateway does not deploy. Each predicate returns whether the repository's
 * gateway body declares what the check reads; when it does not, the live
 * gateway decides and the gate reports the check as unknown.
 */
const GATEWAY_WIDE_CHECKS: Record<string, (gateway: JsonObject) => boolean> = {
  'ingress.appgw.sku-waf-v2': gateway =>
    isJsonObject(getPath(gateway, 'properties.sku')),
  'ingress.appgw.user-assigned-identity': gateway =>
    isJsonObject(gateway.identity),
  'ingress.appgw.min-tls-version': declaresTlsPolicy,
  'ingress.appgw.cipher-suites': declaresTlsPolicy,
  'ingress.appgw.waf-attached': declaresWafPolicy,
};

/**
 * Kubernetes checks that need the ingress controller's own objects: its
 * Service, Deployment, pods and policies. The controller runs in its own
 * namespace, outside a service's repository, so when such a check cannot
 * decide, the live cluster decides it.
 */
const CONTROLLER_CHECKS: ReadonlySet<string> = new Set([
  'ingress.k8s.controller-internal-lb',
  'ingress.k8s.controller-cert-csi',
  'pod.k8s.workload-ingress-from-controller',
  'pod.k8s.controller-ingress-from-appgw',
]);

function httpsListeners(gateway: JsonObject): JsonObject[] {
  return objectsAt(gateway, 'properties.httpListeners').filter(
    listener =>
      stringAt(listener, 'properties.protocol')?.toLowerCase() === 'https',
  );
}

function declaresTlsPolicy(gateway: JsonObject): boolean {
  const gatewayPolicy = getPath(gateway, 'properties.sslPolicy');
  if (isJsonObject(gatewayPolicy) && Object.keys(gatewayPolicy).length > 0) {
    return true;
  }

  // Without a gateway-level policy, every HTTPS listener must carry its own
  // policy through an SSL profile in the same body.
  const profiles = objectsAt(gateway, 'properties.sslProfiles');
  return httpsListeners(gateway).every(listener => {
    const profileId = stringAt(listener, 'properties.sslProfile.id');
    if (!profileId) {
      return false;
    }
    const profile = profiles.find(
      candidate => candidate.name === lastIdSegment(profileId),
    );
    const policy = getPath(profile, 'properties.sslPolicy');
    return isJsonObject(policy) && Object.keys(policy).length > 0;
  });
}

function declaresWafPolicy(gateway: JsonObject): boolean {
  if (
    stringAt(gateway, 'properties.firewallPolicy.id') ||
    isJsonObject(
      getPath(gateway, 'properties.webApplicationFirewallConfiguration'),
    )
  ) {
    return true;
  }
  return httpsListeners(gateway).every(
    listener => !!stringAt(listener, 'properties.firewallPolicy.id'),
  );
}

/**
 * Returns the Application Gateway body of a repository: the one whose id is
 * the scope's gateway id, or the only one when the scope names none.
 *
 * @public
 */
export function repositoryGateway(
  resourceSet: ResourceSet,
): ArmResource | undefined {
  const gateways = resourceSet.resources.filter(
    (resource): resource is ArmResource =>
      resource.kind === 'arm' &&
      resource.type.toLowerCase() === APPLICATION_GATEWAY_TYPE.toLowerCase(),
  );
  const gatewayId = resourceSet.scope.gatewayId;
  if (gatewayId) {
    return gateways.find(gateway => sameArmId(gateway.id, gatewayId));
  }
  return gateways.length === 1 ? gateways[0] : undefined;
}

function containsArmType(resourceSet: ResourceSet, types: string[]): boolean {
  const expectedTypes = types.map(type => type.toLowerCase());
  return resourceSet.resources.some(
    resource =>
      resource.kind === 'arm' &&
      expectedTypes.includes(resource.type.toLowerCase()),
  );
}

function needsLiveData(
  result: CheckResult,
  message: string,
): RepositoryCheckResult {
  return {
    ...result,
    verdict: 'unknown',
    reason: NEEDS_LIVE_DATA,
    message,
    judged: false,
  };
}

/**
 * Judges an assessment of a service repository, as the scaffolder's gate and
 * the `--repository` option of the command line do. Kubernetes checks and
 * the service's part of the Application Gateway are judged as evaluated.
 * The following become `unknown` with reason `needs-live-data`, because the
 * entity's security tab judges them on the live resources:
 *
 * - checks of resources the repository does not contain: the cluster, the
 *   WAF policy, Key Vault, the firewall and route tables;
 * - gateway-wide checks whose settings the repository's gateway body does
 *   not declare;
 * - undecided checks of the ingress controller's own objects.
 *
 * Checks of an unfamiliar family are judged.
 *
 * @public
 */
export function judgeRepositoryChecks(
  assessment: Assessment,
  resourceSet: ResourceSet,
): RepositoryCheckResult[] {
  const gateway = repositoryGateway(resourceSet);

  return assessment.checks.map(result => {
    const family = result.checkId.split('.')[1];

    const gatewayWide = GATEWAY_WIDE_CHECKS[result.checkId];
    if (gatewayWide && gateway && !gatewayWide(gateway.body)) {
      return needsLiveData(
        result,
        `The repository declares only the service's part of the Application Gateway, not the gateway-wide settings this check reads, so the live gateway ${gateway.name} decides it.`,
      );
    }

    if (CONTROLLER_CHECKS.has(result.checkId) && result.verdict === 'unknown') {
      return needsLiveData(
        result,
        `${result.message} The ingress controller runs outside the service's namespace, so the live cluster decides this check.`,
      );
    }

    const liveTypes = LIVE_RESOURCE_TYPES[family];
    if (liveTypes && !containsArmType(resourceSet, liveTypes)) {
      return needsLiveData(
        result,
        `The repository contains no ${liveTypes.join(
          ' or ',
        )} resource, so only the live resource can decide this check.`,
      );
    }

    return { ...result, judged: true };
  });
}

/**
 * Returns the assessment as a service repository can decide it: the checks
 * that {@link judgeRepositoryChecks} leaves to the live resources become
 * `unknown` with reason `needs-live-data`, and the overall and flow verdicts
 * are summarised again.
 *
 * @public
 */
export function judgeRepositoryAssessment(
  assessment: Assessment,
  resourceSet: ResourceSet,
): Assessment {
  const results = judgeRepositoryChecks(assessment, resourceSet).map(
    ({ judged: _judged, ...result }) => result,
  );
  return summarizeAssessment(results, assessment.evaluatedAt);
}
