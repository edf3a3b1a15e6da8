import { CheckDefinition } from '../types';

/** Application Gateway, WAF policy, Key Vault and firewall DNAT checks. */
export const gatewayChecks: CheckDefinition[] = [];
