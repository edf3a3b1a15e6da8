import { CheckDefinition } from '../types';
import { fail, pass } from '../outcomes';
import { booleanAt, getPath } from '../../resources/json';

/**
 * Reads the authorized IP ranges, including the `apiServerAuthorizedIPRanges`
 * property of API version 2019-02-01 and its preview.
 */
export function authorizedIpRanges(cluster: unknown): {
  path: string;
  ranges: string[] | undefined;
} {
  const current = getPath(
    cluster,
    'properties.apiServerAccessProfile.authorizedIPRanges',
  );
  if (Array.isArray(current)) {
    return {
      path: 'properties.apiServerAccessProfile.authorizedIPRanges',
      ranges: current.filter(
        (range): range is string => typeof range === 'string',
      ),
    };
  }
  const legacy = getPath(cluster, 'properties.apiServerAuthorizedIPRanges');
  if (Array.isArray(legacy)) {
    return {
      path: 'properties.apiServerAuthorizedIPRanges',
      ranges: legacy.filter(
        (range): range is string => typeof range === 'string',
      ),
    };
  }
  return {
    path: 'properties.apiServerAccessProfile.authorizedIPRanges',
    ranges: undefined,
  };
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

    const { path, ranges } = authorizedIpRanges(cluster.body);
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
