import {
  APPLICATION_GATEWAY_TYPE,
  ArmResource,
  objectsAt,
  ResourceSet,
  sameArmId,
  stringAt,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Compares the WAF policy that the template input `wafPolicyId` names with
 * the policy each listener of the rendered gateway file attaches. The
 * gate's WAF checks need the live policy, so they do not block; without
 * this comparison a listener without a policy, or with another one, would
 * be published. Returns one message per listener that differs.
 */
export function findWafPolicyMismatches(
  wafPolicyId: unknown,
  resourceSet: ResourceSet,
): string[] {
  if (typeof wafPolicyId !== 'string') {
    return [];
  }
  const gateway = renderedGateway(resourceSet);
  if (!gateway) {
    return [];
  }

  return objectsAt(gateway.body, 'properties.httpListeners').flatMap(
    (listener, index) => {
      const attached = stringAt(listener, 'properties.firewallPolicy.id');
      if (attached && sameArmId(attached, wafPolicyId)) {
        return [];
      }
      const name = stringAt(listener, 'name') ?? `httpListeners[${index}]`;
      return [
        `Input 'wafPolicyId' is '${wafPolicyId}' but listener ${name} of ${
          gateway.origin.location
        } attaches '${attached ?? '(none)'}'`,
      ];
    },
  );
}

function renderedGateway(resourceSet: ResourceSet): ArmResource | undefined {
  const gatewayId = resourceSet.scope.gatewayId;
  return resourceSet.resources.find(
    (resource): resource is ArmResource =>
      resource.kind === 'arm' &&
      resource.type.toLowerCase() === APPLICATION_GATEWAY_TYPE.toLowerCase() &&
      (!gatewayId || sameArmId(resource.id, gatewayId)),
  );
}
