import { Evidence } from '../../../types';
import { getPath, objectsAt, stringAt } from '../../../resources/json';
import { fail, notApplicable, pass, unknown, warn } from '../../outcomes';
import { CheckDefinition, CheckOutcome } from '../../types';
import { combineGroups, GroupOutcome } from '../shared/combineGroups';
import { isIpAddress, isPrivateAddress } from '../shared/ipAddresses';
import { isUnderDomain } from './hostNames';
import { trustedInternalDomain } from '../kubernetes/hostNames';
import { GatewayModel, SubResource, servedGateway } from './gatewayModel';
import { backendRoutes } from './backendRoutes';

function judgePool(
  model: GatewayModel,
  pool: SubResource,
  suffix: string | undefined,
): CheckOutcome {
  // Reads the raw list, not only its objects, so that an entry of another type
  // is reported and evidence paths keep their index.
  const rawAddresses = getPath(pool.properties, 'backendAddresses');
  const addresses = Array.isArray(rawAddresses) ? rawAddresses : [];
  const nics = objectsAt(pool.properties, 'backendIPConfigurations');
  const evidence: Evidence[] = [
    {
      resource: model.resource.id,
      path: `${pool.path}.properties.backendAddresses`,
      observed: addresses.map(
        address =>
          stringAt(address, 'ipAddress') ?? stringAt(address, 'fqdn') ?? null,
      ),
      expected: suffix
        ? `private IP addresses or names under ${suffix}`
        : 'private IP addresses',
    },
  ];
  if (addresses.length === 0 && nics.length === 0) {
    return notApplicable(
      `Backend pool ${pool.name} has no addresses (an ingress controller may fill it at run time).`,
      evidence,
    );
  }

  const publicAddresses: string[] = [];
  const invalid: string[] = [];
  const outsideZone: string[] = [];
  const unreadable: Evidence[] = [];
  for (const [index, address] of addresses.entries()) {
    const ip = stringAt(address, 'ipAddress');
    const fqdn = stringAt(address, 'fqdn');
    if (!ip && !fqdn) {
      unreadable.push({
        resource: model.resource.id,
        path: `${pool.path}.properties.backendAddresses[${index}]`,
        observed: address,
        expected: 'an ipAddress or fqdn string',
      });
      continue;
    }
    for (const value of [ip, fqdn]) {
      if (!value) {
        continue;
      }
      if (value === ip || isIpAddress(value)) {
        const isPrivate = isPrivateAddress(value);
        if (isPrivate === false) {
          publicAddresses.push(value);
        } else if (isPrivate === undefined) {
          invalid.push(value);
        }
      } else if (!suffix || !isUnderDomain(value, suffix)) {
        outsideZone.push(value);
      }
    }
  }

  if (publicAddresses.length > 0) {
    return fail(
      `Backend pool ${
        pool.name
      } contains public IP addresses (${publicAddresses.join(
        ', ',
      )}), which bypass the private path to the internal load balancer.`,
      evidence,
    );
  }
  if (invalid.length > 0) {
    return unknown(
      'invalid-value',
      `Backend pool ${
        pool.name
      } contains addresses that are not valid IP addresses (${invalid.join(
        ', ',
      )}).`,
      evidence,
    );
  }
  if (unreadable.length > 0) {
    return unknown(
      'missing-property',
      `Backend pool ${pool.name} contains ${unreadable.length} address entry(ies) with neither an ipAddress nor an fqdn string, so where it sends traffic cannot be told.`,
      [...evidence, ...unreadable],
    );
  }
  if (outsideZone.length > 0 && !suffix) {
    // Only the internal domain annotation separates private names from public ones.
    return unknown(
      'internal-domain-not-set',
      `Backend pool ${pool.name} contains host names (${outsideZone.join(
        ', ',
      )}) and no internal domain suffix is set for the service, so whether they resolve to private addresses cannot be told from ARM. Set the internal domain suffix annotation to the private DNS zone of the internal load balancer, such as aks-ingress.contoso.com.`,
      [
        ...evidence,
        {
          path: 'aks-traffic-security.io/internal-domain-suffix',
          observed: null,
          expected: 'the private DNS zone of the internal ingress hop',
        },
      ],
    );
  }
  if (outsideZone.length > 0) {
    return warn(
      `Backend pool ${pool.name} contains host names (${outsideZone.join(
        ', ',
      )}) outside the private DNS suffix ${suffix}, so whether they resolve to private addresses cannot be told from ARM.`,
      evidence,
      'fqdn-not-private',
    );
  }
  const nicNote =
    nics.length > 0
      ? ` and ${nics.length} virtual machine network interface(s)`
      : '';
  return pass(
    `Backend pool ${pool.name} contains only private addresses${nicNote}.`,
    evidence,
  );
}

function judgedPools(model: GatewayModel): {
  pools: SubResource[];
  missing: GroupOutcome[];
} {
  if (!model.scoped) {
    return { pools: model.list('backendAddressPools'), missing: [] };
  }

  const pools = new Map<string, SubResource>();
  const { routes, unresolved } = backendRoutes(model);
  // The pools behind a rule whose URL path map is missing are not known.
  const missing: GroupOutcome[] = unresolved.map(route => ({
    ...unknown(
      'unresolved-reference',
      `The ${route.via} uses ${route.missing}, which is not defined on the gateway, so its backend pools are not known.`,
      [
        {
          resource: model.resource.id,
          path: route.path,
          observed: route.missing,
          expected: 'an entry of the gateway',
        },
      ],
    ),
    elements: [route.via],
  }));
  for (const route of routes) {
    if (route.poolName === undefined) {
      continue;
    }
    const pool = model.find('backendAddressPools', route.poolName);
    if (pool) {
      pools.set(pool.name.toLowerCase(), pool);
    } else {
      missing.push({
        ...unknown(
          'unresolved-reference',
          `The ${route.via} uses backend pool ${route.poolName}, which is not defined on the gateway.`,
          [
            {
              resource: model.resource.id,
              path: route.poolPath,
              observed: route.poolName,
              expected: 'an entry of properties.backendAddressPools',
            },
          ],
        ),
        elements: [route.poolName],
      });
    }
  }
  return { pools: [...pools.values()], missing };
}

export const backendPrivate: CheckDefinition = {
  id: 'ingress.appgw.backend-private',
  flow: 'ingress',
  severity: 'medium',
  level: 'baseline',
  title: 'Backends are private (internal load balancer), not public endpoints.',
  why: 'Traffic must be forwarded to the internal load balancer of the cluster; a public backend address leaves the private network and bypasses the path the ingress design protects.',
  remediation:
    "Point the backend pool at the internal load balancer's private IP address or its private DNS name.",
  documentationUrl:
    'https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks',
  evaluate(context) {
    const lookup = servedGateway(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;
    const domain = trustedInternalDomain(context);
    if (!domain.found) {
      return domain.outcome;
    }
    const suffix = domain.value;

    const { pools, missing } = judgedPools(model);
    const groups: GroupOutcome[] = [
      ...pools.map(pool => ({
        ...judgePool(model, pool, suffix),
        elements: [pool.name],
      })),
      ...missing,
    ];
    return combineGroups(
      groups,
      `Application Gateway ${model.resource.name} has no backend pool that serves the service.`,
      'backend pool',
    );
  },
};
