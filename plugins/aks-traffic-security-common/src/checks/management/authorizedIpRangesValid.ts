import { CheckDefinition } from '../types';
import {
  combineElements,
  ElementOutcome,
  fail,
  notApplicable,
  pass,
  warn,
} from '../outcomes';
import { booleanAt } from '../../resources/json';
import {
  Cidr,
  cidrContains,
  coverAllAddresses,
  isAnyAddress,
  isRfc1918,
  parseCidr,
} from '../../resources/cidr';
import { authorizedIpRanges, malformedRanges } from './apiServerExposure';

/**
 * The shortest prefix length of a range narrow enough for admin networks,
 * by IP version. An IPv6 /48 is the usual allocation to one site.
 */
const NARROWEST_PREFIX: Record<4 | 6, number> = { 4: 16, 6: 48 };

/** The IPv6 range of global unicast addresses, the only public ones. */
const IPV6_GLOBAL_UNICAST = parseCidr('2000::/3')!;

/** IPv4 addresses mapped into IPv6 (`::ffff:0:0/96`). */
const IPV4_MAPPED = parseCidr('::ffff:0:0/96')!;

/** Returns an IPv4-mapped IPv6 range as the IPv4 range it stands for, so that it is sized as one. */
function asIpv4IfMapped(range: Cidr | undefined): Cidr | undefined {
  if (!range || range.version !== 6 || !cidrContains(IPV4_MAPPED, range)) {
    return range;
  }
  return {
    version: 4,
    network: range.network & 0xffffffffn,
    prefixLength: range.prefixLength - 96,
    text: range.text,
  };
}

function judgeRange(
  range: string,
  resource: string,
  path: string,
): ElementOutcome {
  const evidence = (expected: string, note?: string) => [
    { resource, path, observed: range, expected, note },
  ];
  const parsed = asIpv4IfMapped(parseCidr(range));

  if (!parsed) {
    // Service tags are a preview feature; AzureCloud (or a regional
    // AzureCloud.<region>) admits every Azure-hosted source, anyone's VM included.
    if (/^azurecloud(\..+)?$/i.test(range.trim())) {
      return {
        element: range,
        ...fail(
          `The service tag ${range} admits every Azure-hosted source to the API server.`,
          evidence('admin network CIDR ranges'),
        ),
      };
    }
    return {
      element: range,
      ...warn(
        `The entry ${range} is not a CIDR range, so the addresses it admits cannot be sized.`,
        evidence('a CIDR range'),
        'non-cidr-entry',
      ),
    };
  }

  if (
    parsed.version === 4 &&
    parsed.network === 0n &&
    parsed.prefixLength === 32
  ) {
    return {
      element: range,
      ...pass(
        '0.0.0.0/32 admits only the outbound public IP of the cluster load balancer.',
        evidence('a CIDR range', 'documented special value, not "any address"'),
      ),
    };
  }
  if (isAnyAddress(parsed)) {
    return {
      element: range,
      ...fail(
        `The range ${range} admits every address.`,
        evidence('admin network CIDR ranges'),
      ),
    };
  }
  const narrowest = NARROWEST_PREFIX[parsed.version];
  if (parsed.prefixLength < narrowest) {
    return {
      element: range,
      ...warn(
        `The range ${range} is broader than /${narrowest}.`,
        evidence(`a prefix of /${narrowest} or longer`),
        'broad-range',
      ),
    };
  }
  const isPrivate =
    parsed.version === 4
      ? isRfc1918(parsed)
      : !cidrContains(IPV6_GLOBAL_UNICAST, parsed);
  if (isPrivate) {
    return {
      element: range,
      ...warn(
        `The range ${range} is ${
          parsed.version === 4
            ? 'private (RFC 1918)'
            : 'outside the global unicast IPv6 range 2000::/3'
        }, but authorized ranges filter public source addresses.`,
        evidence('a public CIDR range'),
        'private-range',
      ),
    };
  }
  return {
    element: range,
    ...pass(
      `The range ${range} is a narrow public range.`,
      evidence('a CIDR range'),
    ),
  };
}

export const authorizedIpRangesValid: CheckDefinition = {
  id: 'mgmt.aks.authorized-ip-ranges-valid',
  flow: 'management',
  severity: 'high',
  level: 'baseline',
  title: 'Authorized IP ranges admit only narrow public admin networks.',
  why: 'An authorized range of /0, a broad block or the AzureCloud service tag lets almost anyone reach the API server, while private ranges give a false sense of protection because the filter sees public source addresses.',
  remediation:
    'List only the public egress ranges of admin networks in `apiServerAccessProfile.authorizedIPRanges` (for example `az aks update --api-server-authorized-ip-ranges 203.0.113.0/24`), or make the cluster private and remove the list.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;

    const { path, ranges, malformed } = authorizedIpRanges(cluster.body);
    if (malformed) {
      return malformedRanges(cluster.id, cluster.body, path);
    }
    const isPrivate =
      booleanAt(
        cluster.body,
        'properties.apiServerAccessProfile.enablePrivateCluster',
      ) === true;
    if (!ranges || ranges.length === 0) {
      return notApplicable(
        isPrivate
          ? 'The cluster is private and lists no authorized IP ranges.'
          : 'No authorized IP ranges are set; mgmt.aks.api-server-exposure judges the open API server.',
        [{ resource: cluster.id, path, observed: ranges ?? null }],
      );
    }

    if (isPrivate) {
      return warn(
        'The cluster is private, so its authorized IP ranges are ignored and misleading.',
        [
          {
            resource: cluster.id,
            path,
            observed: ranges,
            expected: 'no authorized IP ranges on a private cluster',
            elements: ranges,
            note: 'Authorized IP ranges are not supported on private clusters.',
          },
        ],
        'ignored-on-private-cluster',
      );
    }

    // Split ranges such as 0.0.0.0/1 and 128.0.0.0/1 admit every address
    // together, though no single one is /0.
    const parsed = ranges
      .map(range => asIpv4IfMapped(parseCidr(range)))
      .filter((range): range is Cidr => range !== undefined);
    const everyVersion = ([4, 6] as const).filter(version =>
      coverAllAddresses(parsed, version),
    );
    if (everyVersion.length > 0 && !parsed.some(isAnyAddress)) {
      return fail(
        `The authorized IP ranges together admit every IPv${everyVersion.join(
          ' and IPv',
        )} address.`,
        [
          {
            resource: cluster.id,
            path,
            observed: ranges,
            expected: 'admin network CIDR ranges',
            elements: ranges,
          },
        ],
      );
    }

    const outcome = combineElements(
      ranges.map(range => judgeRange(range, cluster.id, path)),
      'No authorized IP ranges are set.',
    );
    outcome.evidence.push({
      resource: cluster.id,
      path,
      note: 'The Azure CLI also authorizes the outbound IP of the cluster load balancer by default.',
    });
    return outcome;
  },
};
