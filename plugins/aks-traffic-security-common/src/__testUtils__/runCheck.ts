import {
  ArmResource,
  AssessmentScope,
  CheckResult,
  JsonObject,
  OrganisationPolicy,
  ReadFailure,
  Resource,
} from '../types';
import { CheckDefinition } from '../checks/types';
import { evaluate } from '../evaluator/evaluate';
import { arm, resourceSet } from './resourceSets';

/** The ARM id of the AKS cluster built by {@link managedCluster}. */
export const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-1';

/**
 * Builds an AKS cluster in the shape a GET returns it, with the given
 * `properties` and top-level fields such as `identity`.
 */
export function managedCluster(
  properties: JsonObject,
  topLevel: JsonObject = {},
): ArmResource {
  return arm({
    id: CLUSTER_ID,
    name: 'aks-1',
    type: 'Microsoft.ContainerService/managedClusters',
    location: 'westeurope',
    ...topLevel,
    properties,
  });
}

/** Runs one check over the given resources and returns its result. */
export function runCheck(
  check: CheckDefinition,
  options: {
    resources?: Resource[];
    scope?: AssessmentScope;
    failures?: ReadFailure[];
    kubernetesNamespaceRead?: boolean;
    policy?: OrganisationPolicy;
  } = {},
): CheckResult {
  const assessment = evaluate(resourceSet(options), {
    checks: [check],
    policy: options.policy,
  });
  return assessment.checks[0];
}
