import { CheckDefinition } from '../types';

/** AKS add-on and in-cluster entry point checks. */
export const clusterIngressChecks: CheckDefinition[] = [];
