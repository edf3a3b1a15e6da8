import { CheckDefinition } from '../types';
import { skuWafV2 } from './appGateway/skuWafV2';
import { wafAttached } from './appGateway/wafAttached';
import { minTlsVersion } from './appGateway/minTlsVersion';
import { cipherSuites } from './appGateway/cipherSuites';
import { httpsOnly } from './appGateway/httpsOnly';
import { strictSni } from './appGateway/strictSni';
import { listenerCertKeyVault } from './appGateway/listenerCertKeyVault';
import { userAssignedIdentity } from './appGateway/userAssignedIdentity';
import { backendHttps } from './appGateway/backendHttps';
import { backendCertValidation } from './appGateway/backendCertValidation';
import { backendHostname } from './appGateway/backendHostname';
import { backendPrivate } from './appGateway/backendPrivate';
import { wafEnabled } from './waf/wafEnabled';
import { wafPreventionMode } from './waf/wafPreventionMode';
import { wafManagedRuleSets } from './waf/wafManagedRuleSets';
import { wafRequestBodyInspection } from './waf/wafRequestBodyInspection';
import { wafRuleOverrides } from './waf/wafRuleOverrides';
import { keyVaultRbacAuthorization } from './keyVault/keyVaultRbacAuthorization';
import { keyVaultNetworkRestricted } from './keyVault/keyVaultNetworkRestricted';
import { firewallNoDnatBypass } from './firewall/firewallNoDnatBypass';

/** Application Gateway, WAF policy, Key Vault and firewall DNAT checks. */
export const gatewayChecks: CheckDefinition[] = [
  skuWafV2,
  wafAttached,
  minTlsVersion,
  cipherSuites,
  httpsOnly,
  strictSni,
  listenerCertKeyVault,
  userAssignedIdentity,
  backendHttps,
  backendCertValidation,
  backendHostname,
  backendPrivate,
  wafEnabled,
  wafPreventionMode,
  wafManagedRuleSets,
  wafRequestBodyInspection,
  wafRuleOverrides,
  keyVaultRbacAuthorization,
  keyVaultNetworkRestricted,
  firewallNoDnatBypass,
];
