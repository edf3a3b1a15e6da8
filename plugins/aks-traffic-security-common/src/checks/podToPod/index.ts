import { CheckDefinition } from '../types';
import { networkPolicyEngine } from './networkPolicyEngine';
import { defaultDeny } from './defaultDeny';
import { workloadIngressFromController } from './workloadIngressFromController';
import { workloadServiceClusterIp } from './workloadServiceClusterIp';

/** Pod-to-pod flow checks, in catalog order. */
export const podToPodChecks: CheckDefinition[] = [
  networkPolicyEngine,
  defaultDeny,
  workloadIngressFromController,
  workloadServiceClusterIp,
];
