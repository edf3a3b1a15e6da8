import { CheckDefinition } from '../types';
import { networkPolicyEngine } from './networkPolicyEngine';
import { defaultDeny } from './defaultDeny';

/** Pod-to-pod flow checks, in catalog order. */
export const podToPodChecks: CheckDefinition[] = [networkPolicyEngine, defaultDeny];
