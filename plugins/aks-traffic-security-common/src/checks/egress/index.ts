import { CheckDefinition } from '../types';
import { outboundType } from './outboundType';
import { defaultRouteToFirewall } from './defaultRouteToFirewall';
import { noNodePublicIp } from './noNodePublicIp';
import { threatIntel } from './threatIntel';
import { policyPremiumIdps } from './policyPremiumIdps';
import { noAllowAny } from './noAllowAny';
import { egressNetworkPolicy } from './egressNetworkPolicy';

/** Egress flow checks, in catalog order. */
export const egressChecks: CheckDefinition[] = [
  outboundType,
  defaultRouteToFirewall,
  noNodePublicIp,
  threatIntel,
  policyPremiumIdps,
  noAllowAny,
  egressNetworkPolicy,
];
