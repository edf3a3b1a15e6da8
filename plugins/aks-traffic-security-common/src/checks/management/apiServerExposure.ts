import { JsonValue } from '../../types';
import { CheckDefinition, CheckOutcome } from '../types';
import { fail, pass, unknown } from '../outcomes';
import { booleanAt, getPath } from '../../resources/json';

/**
 * Reads the authorized IP ranges, including the `apiServerAuthorizedIPRanges`
 * property of API version 2019-02-01 and its preview. `malformed` is true when
 * the property is set to something other than a list of strings, which is
 * not the shape ARM documents, so the ranges are unknown rather than absent.
 */
export function authorizedIpRanges(cluster: unknown): {
  path: string;
  ranges: string[] | undefined;
  malformed: boolean;
} {
  const paths = [
    'properties.apiServerAccessProfile.authorizedIPRanges',
    'properties.apiServerAuthorizedIPRanges',
  ];
  for (const path of paths) {
    const value = getPath(cluster, path);
    if (value === undefined || value === null) {
      continue;
    }
    const isList =
      Array.isArray(value) && value.every(range => typeof range === 'string');
    return {
      path,
      ranges: isList ? (value as string[]) : undefined,
      malformed: !isList,
    };
  }
  return { path: paths[0], ranges: undefined, malformed: false };
}

/** Returns the `unknown` outcome for authorized IP ranges that are not a list of strings. */
export function malformedRanges(
  clusterId: string,
  cluster: unknown,
  path: string,
): CheckOutcome {
  return unknown(
    'unrecognised-value',
    `${path} is not a list of CIDR ranges, so the addresses it admits are not known.`,
    [
      {
        resource: clusterId,
        path,
        observed: (getPath(cluster, path) as JsonValue) ?? null,
        expected: 'a list of CIDR ranges',
      },
    ],
  );
}

export const apiServerExposure: CheckDefinition = {
  id: 'mgmt.aks.api-server-exposure',
  flow: 'management',
  severity: 'critical',
  level: 'baseline',
  title: 'The API server is private or limited to authorized IP ranges.',
  why: 'A public API server with no authorized ranges accepts connections from the whole internet, leaving only authentication between an attacker and the cluster.',
  remediation:
    'Make the cluster private (`apiServerAccessProfile.enablePrivateCluster: true`) or set `apiServerAccessProfile.authorizedIPRanges` to the admin networks.',
  documentationUrl:
    'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
  evaluate(context) {
    const lookup = context.cluster();
    if (!lookup.found) {
      return lookup.outcome;
    }
    const cluster = lookup.value;

    const isPrivate = booleanAt(
      cluster.body,
      'properties.apiServerAccessProfile.enablePrivateCluster',
    );
    if (isPrivate === true) {
      const publicFqdn = booleanAt(
        cluster.body,
        'properties.apiServerAccessProfile.enablePrivateClusterPublicFQDN',
      );
      return pass('The API server is private.', [
        {
          resource: cluster.id,
          path: 'properties.apiServerAccessProfile.enablePrivateCluster',
          observed: true,
          expected: true,
          note:
            publicFqdn === true
              ? 'A public DNS name resolves to the private IP address (enablePrivateClusterPublicFQDN).'
              : undefined,
        },
      ]);
    }

    const { path, ranges, malformed } = authorizedIpRanges(cluster.body);
    if (malformed) {
      return malformedRanges(cluster.id, cluster.body, path);
    }
    if (ranges && ranges.length > 0) {
      return pass(
        `The API server is public but limited to ${ranges.length} authorized IP range(s).`,
        [
          {
            resource: cluster.id,
            path,
            observed: ranges,
            expected: 'a non-empty list',
          },
        ],
      );
    }

    return fail(
      'The API server is public and accepts connections from any IP address.',
      [
        {
          resource: cluster.id,
          path: 'properties.apiServerAccessProfile.enablePrivateCluster',
          observed: isPrivate ?? null,
          expected: true,
        },
        {
          resource: cluster.id,
          path,
          observed: ranges ?? null,
          expected: 'a non-empty list',
        },
      ],
    );
  },
};
