import { CheckDefinition } from '../types';
import { keyvaultCsiAddon } from './cluster/keyvaultCsiAddon';
import { keyvaultCsiRotation } from './cluster/keyvaultCsiRotation';
import { managedIngressAddons } from './cluster/managedIngressAddons';
import { ingressTls } from './kubernetes/ingressTls';
import { ingressHttpsOnly } from './kubernetes/ingressHttpsOnly';
import { ingressHostDomain } from './kubernetes/ingressHostDomain';
import { controllerInternalLb } from './kubernetes/controllerInternalLb';
import { controllerTlsOptions } from './kubernetes/controllerTlsOptions';
import { controllerCertCsi } from './kubernetes/controllerCertCsi';
import { spcKeyvaultIdentity } from './kubernetes/spcKeyvaultIdentity';
import { gatewayListenerTls } from './kubernetes/gatewayListenerTls';
import { httpRouteHosts } from './kubernetes/httpRouteHosts';
import { unsupportedController } from './kubernetes/unsupportedController';

/** AKS add-on and in-cluster entry point checks, in catalog order. */
export const clusterIngressChecks: CheckDefinition[] = [
  keyvaultCsiAddon,
  keyvaultCsiRotation,
  managedIngressAddons,
  ingressTls,
  ingressHttpsOnly,
  ingressHostDomain,
  controllerInternalLb,
  controllerTlsOptions,
  controllerCertCsi,
  spcKeyvaultIdentity,
  gatewayListenerTls,
  httpRouteHosts,
  unsupportedController,
];
