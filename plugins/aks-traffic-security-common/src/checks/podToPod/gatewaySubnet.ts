import { EvaluationContext } from '../../evaluator/EvaluationContext';
import { getPath, objectsAt, stringAt } from '../../resources/json';
import { sameArmId } from '../../resources/armIds';
import { Cidr, parseCidr } from '../../resources/cidr';

/** The App Gateway subnet and where its prefix was read. */
export interface GatewaySubnet {
  range: Cidr;
  source: string;
}

function subnetPrefix(subnet: unknown): string | undefined {
  const single = stringAt(subnet, 'properties.addressPrefix');
  if (single) {
    return single;
  }
  const many = getPath(subnet, 'properties.addressPrefixes');
  return Array.isArray(many) && typeof many[0] === 'string'
    ? many[0]
    : undefined;
}

/**
 * Returns the App Gateway subnet: the prefix the assessment scope gives, or
 * the prefix of the subnet the gateway's IP configuration names, when that
 * subnet or its virtual network was read. Returns `undefined` when neither
 * is known.
 */
export function gatewaySubnet(
  context: EvaluationContext,
): GatewaySubnet | undefined {
  const configured = context.scope.gatewaySubnetPrefix;
  if (configured) {
    const range = parseCidr(configured);
    return range
      ? { range, source: 'the assessment scope (gatewaySubnetPrefix)' }
      : undefined;
  }

  const gateway = context.gateway();
  if (!gateway.found) {
    return undefined;
  }
  const subnetIds = objectsAt(
    gateway.value.body,
    'properties.gatewayIPConfigurations',
  )
    .map(configuration => stringAt(configuration, 'properties.subnet.id'))
    .filter((id): id is string => !!id);

  for (const subnetId of subnetIds) {
    const subnets = [
      ...context
        .armOfType('Microsoft.Network/virtualNetworks/subnets')
        .map(subnet => subnet.body),
      ...context
        .armOfType('Microsoft.Network/virtualNetworks')
        .flatMap(network => objectsAt(network.body, 'properties.subnets')),
    ];
    const subnet = subnets.find(candidate =>
      sameArmId(stringAt(candidate, 'id'), subnetId),
    );
    const range = parseCidr(subnetPrefix(subnet) ?? '');
    if (range) {
      return { range, source: subnetId };
    }
  }
  return undefined;
}
