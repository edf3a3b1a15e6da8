import { CheckDefinition } from '../types';
import { gatewayChecks } from './gateway';
import { clusterIngressChecks } from './cluster';

export const ingressChecks: CheckDefinition[] = [
  ...gatewayChecks,
  ...clusterIngressChecks,
];
