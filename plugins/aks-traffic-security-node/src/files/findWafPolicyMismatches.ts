import { InputNamer, inputName } from './inputNames';
import {
  capitalise,
  objectsAt,
  repositoryGateway,
  ResourceSet,
  sameArmId,
  stringAt,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * Compares the WAF policy that the template input `wafPolicyId` names with
 * the policy each listener of the rendered gateway file attaches, and
 * returns one message per listener that differs. The gate's WAF checks need
 * the live policy, so they never block. Without this comparison, a listener
 * with another policy or none would be published. `nameOf` names the
 * input in the messages, `input 'wafPolicyId'` by default.
 *
 * @public
 */
export function findWafPolicyMismatches(
  wafPolicyId: unknown,
  resourceSet: ResourceSet,
  nameOf: InputNamer = inputName,
): string[] {
  if (typeof wafPolicyId !== 'string') {
    return [];
  }
  const gateway = repositoryGateway(resourceSet);
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
        `${capitalise(
          nameOf('wafPolicyId'),
        )} is '${wafPolicyId}' but listener ${name} of ${
          gateway.origin.location
        } attaches '${attached ?? '(none)'}'`,
      ];
    },
  );
}
