import { CheckDefinition } from '../types';
import { networkPolicyEngine } from './networkPolicyEngine';
import { defaultDeny } from './defaultDeny';
import { workloadIngressFromController } from './workloadIngressFromController';
import { controllerIngressFromAppGw } from './controllerIngressFromAppGw';
import { workloadServiceClusterIp } from './workloadServiceClusterIp';
import { noHostNetwork } from './noHostNetwork';
import { backendTls } from './backendTls';

/** Pod-to-pod flow checks, in catalog order. */
export const podToPodChecks: CheckDefinition[] = [
  networkPolicyEngine,
  defaultDeny,
  workloadIngressFromController,
  controllerIngressFromAppGw,
  workloadServiceClusterIp,
  noHostNetwork,
  backendTls,
];
