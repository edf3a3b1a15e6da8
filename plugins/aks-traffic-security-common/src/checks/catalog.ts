import { CheckDefinition } from './types';
import { ingressChecks } from './ingress';
import { podToPodChecks } from './podToPod';
import { egressChecks } from './egress';
import { managementChecks } from './management';

/**
 * Every check, in catalog order: ingress, pod-to-pod, egress, management.
 *
 * @public
 */
export const ALL_CHECKS: readonly CheckDefinition[] = [
  ...ingressChecks,
  ...podToPodChecks,
  ...egressChecks,
  ...managementChecks,
];

// Stores and API responses look checks up once per result, so by id.
const CHECKS_BY_ID = new Map(ALL_CHECKS.map(check => [check.id, check]));

/** Returns the check with an id, or `undefined` when the catalog has none. @public */
export function findCheck(id: string): CheckDefinition | undefined {
  return CHECKS_BY_ID.get(id);
}
