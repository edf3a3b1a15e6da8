/**
 * Check catalog, evaluator and types for AKS traffic-flow security.
 *
 * @packageDocumentation
 */

export * from './types';
export { capitalise } from './capitalise';
export * from './checks/types';
export * from './checks/outcomes';
export { ALL_CHECKS, findCheck } from './checks/catalog';
export * from './evaluator/verdicts';
export * from './evaluator/policy';
export * from './evaluator/evaluate';
export * from './evaluator/judgeRepositoryChecks';
export * from './evaluator/EvaluationContext';
export * from './resources/json';
export * from './resources/armIds';
export * from './resources/groupBy';
export * from './resources/parseDocument';
export * from './resources/normalizeArm';
export * from './resources/armResourceTypes';
export * from './resources/armTemplate';
export {
  templateResourceId,
  splitResourceName,
  TEMPLATE_RESOURCE_GROUP,
  TEMPLATE_SUBSCRIPTION_ID,
} from './resources/armTemplateExpressions';
export * from './resources/kubernetesObjects';
export {
  parseKeyVaultUri,
  KEY_VAULT_DNS_SUFFIXES,
} from './checks/ingress/keyVault/keyVaultUri';
export type { KeyVaultReference } from './checks/ingress/keyVault/keyVaultUri';
export { secretProviderClassVaultNames } from './checks/ingress/keyVault/secretProviderClassVaults';
export {
  parseSpcObjects,
  spcParameter,
} from './checks/ingress/kubernetes/secretProviderClasses';
export type {
  KeyVaultObject,
  ParsedObjects,
} from './checks/ingress/kubernetes/secretProviderClasses';
export {
  isEmptySelector,
  matchesSelector,
} from './checks/podToPod/labelSelectors';
export { internetApplianceHops } from './checks/egress/routeTables';
export * from './annotations';
export * from './api';
export * from './permissions';
