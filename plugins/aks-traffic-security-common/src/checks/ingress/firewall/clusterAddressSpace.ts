import { EvaluationContext } from '../../../evaluator/EvaluationContext';
import { getPath, objectsAt, stringAt } from '../../../resources/json';
import { sameArmId } from '../../../resources/armIds';
import { ArmResource } from '../../../types';
import { egressSubnets } from '../../egress/routeTables';
import { GatewayModel, gatewayModel } from '../appGateway/gatewayModel';
import {
  Ipv4Network,
  isPrivateAddress,
  parseIpv4Cidr,
} from '../shared/ipAddresses';

const VIRTUAL_NETWORK_TYPE = 'Microsoft.Network/virtualNetworks';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

/** A network that belongs to the cluster, and where it was found. */
export interface ClusterNetwork {
  cidr: string;
  network: Ipv4Network;
  source: string;
}

function prefixesOf(value: unknown, paths: string[]): string[] {
  return paths.flatMap(path => {
    const found = getPath(value, path);
    if (typeof found === 'string') {
      return [found];
    }
    return Array.isArray(found)
      ? found.filter((item): item is string => typeof item === 'string')
      : [];
  });
}

function addNetworks(
  networks: ClusterNetwork[],
  prefixes: string[],
  source: string,
): void {
  for (const cidr of prefixes) {
    const network = parseIpv4Cidr(cidr);
    if (network) {
      networks.push({ cidr, network, source });
    }
  }
}

/**
 * Finds the address space of the AKS nodes, their pods and the internal load
 * balancer. It is the virtual network of the node and pod subnets, or the
 * subnets alone when only they were read. The gateway's private backend addresses are added too,
 * because they point at the internal load balancer.
 */
export function clusterAddressSpace(
  context: EvaluationContext,
): ClusterNetwork[] {
  const networks: ClusterNetwork[] = [];

  const cluster = context.cluster();
  if (cluster.found) {
    const virtualNetworks = context.armOfType(VIRTUAL_NETWORK_TYPE);
    const subnets = context.armOfType(SUBNET_TYPE);
    const subnetIds = egressSubnets(cluster.value, context).map(
      subnet => subnet.id,
    );

    for (const subnetId of new Set(subnetIds)) {
      const vnetId = subnetId.replace(/\/subnets\/[^/]+\/?$/i, '');
      const vnet = virtualNetworks.find(candidate =>
        sameArmId(candidate.id, vnetId),
      );
      if (vnet) {
        addNetworks(
          networks,
          prefixesOf(vnet.body, ['properties.addressSpace.addressPrefixes']),
          `virtual network ${vnet.name}`,
        );
        continue;
      }
      const subnet = subnets.find(candidate =>
        sameArmId(candidate.id, subnetId),
      );
      if (subnet) {
        addNetworks(
          networks,
          prefixesOf(subnet.body, [
            'properties.addressPrefix',
            'properties.addressPrefixes',
          ]),
          `subnet ${subnet.name}`,
        );
      }
    }
  }

  const gateway = gatewayModel(context);
  if (gateway.found) {
    networks.push(...gatewayBackendNetworks(gateway.value));
  }
  return networks;
}

// Keyed by the gateway resource that every service behind it shares, whose
// backend pools are walked once instead of once per service.
const backendNetworks = new WeakMap<ArmResource, ClusterNetwork[]>();

/** Returns the private backend addresses of a gateway's pools as networks. */
function gatewayBackendNetworks(gateway: GatewayModel): ClusterNetwork[] {
  const cached = backendNetworks.get(gateway.resource);
  if (cached) {
    return cached;
  }

  const networks: ClusterNetwork[] = [];
  for (const pool of gateway.list('backendAddressPools')) {
    for (const address of objectsAt(pool.properties, 'backendAddresses')) {
      const ip = stringAt(address, 'ipAddress');
      if (ip && isPrivateAddress(ip) === true) {
        addNetworks(
          networks,
          [ip],
          `backend pool ${pool.name} of gateway ${gateway.resource.name}`,
        );
      }
    }
  }
  backendNetworks.set(gateway.resource, networks);
  return networks;
}
