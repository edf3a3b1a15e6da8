import { CheckDefinition } from '../types';
import { keyvaultCsiAddon } from './cluster/keyvaultCsiAddon';
import { keyvaultCsiRotation } from './cluster/keyvaultCsiRotation';
import { managedIngressAddons } from './cluster/managedIngressAddons';

/** AKS add-on and in-cluster entry point checks, in catalog order. */
export const clusterIngressChecks: CheckDefinition[] = [
  keyvaultCsiAddon,
  keyvaultCsiRotation,
  managedIngressAddons,
];
