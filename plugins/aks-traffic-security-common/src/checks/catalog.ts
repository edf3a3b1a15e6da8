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

/** @public */
export function findCheck(id: string): CheckDefinition | undefined {
  return ALL_CHECKS.find(check => check.id === id);
}
