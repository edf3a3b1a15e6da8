import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { authorizedIpRangesValid } from './authorizedIpRangesValid';

function resultFor(apiServerAccessProfile: Record<string, any>) {
  return runCheck(authorizedIpRangesValid, {
    resources: [managedCluster({ apiServerAccessProfile })],
  });
}

describe('mgmt.aks.authorized-ip-ranges-valid', () => {
  it('passes narrow public ranges', () => {
    const result = resultFor({
      authorizedIPRanges: ['203.0.113.0/24', '198.51.100.7/32'],
    });

    expect(result.verdict).toBe('pass');
  });

  it('passes the 0.0.0.0/32 load-balancer-only value', () => {
    expect(resultFor({ authorizedIPRanges: ['0.0.0.0/32'] }).verdict).toBe(
      'pass',
    );
  });

  it.each([
    [['0.0.0.0/1', '128.0.0.0/1'], 'IPv4'],
    [['::/1', '8000::/1', '203.0.113.0/24'], 'IPv6'],
    [['::ffff:0:0/97', '128.0.0.0/1'], 'IPv4'],
  ])('fails split ranges %j that admit every %s address', (ranges, version) => {
    const result = resultFor({ authorizedIPRanges: ranges });

    expect(result.verdict).toBe('fail');
    expect(result.message).toBe(
      `The authorized IP ranges together admit every ${version} address.`,
    );
  });

  it('warns on broad ranges that leave a gap', () => {
    const result = resultFor({
      authorizedIPRanges: ['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3'],
    });

    expect(result.verdict).toBe('warn');
  });

  it('is unknown for ranges that are not a list', () => {
    const result = resultFor({ authorizedIPRanges: '203.0.113.0/24' });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unrecognised-value');
  });

  it.each(['0.0.0.0/0', '::/0'])('fails %s', range => {
    const result = resultFor({ authorizedIPRanges: ['203.0.113.0/24', range] });

    expect(result.verdict).toBe('fail');
    expect(
      result.evidence.find(item => item.observed === range)?.elements,
    ).toEqual([range]);
  });

  it.each(['AzureCloud', 'AzureCloud.westeurope'])(
    'fails the service tag %s',
    tag => {
      expect(resultFor({ authorizedIPRanges: [tag] }).verdict).toBe('fail');
    },
  );

  it('warns on other service tags', () => {
    const result = resultFor({
      authorizedIPRanges: ['AzureFrontDoor.Backend'],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('non-cidr-entry');
  });

  it('warns on ranges broader than /16', () => {
    const result = resultFor({ authorizedIPRanges: ['52.0.0.0/8'] });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('broad-range');
  });

  it.each(['::/1', '2001:db8::/32'])(
    'warns on the IPv6 range %s, broader than /48',
    range => {
      const result = resultFor({ authorizedIPRanges: [range] });

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('broad-range');
      expect(result.message).toContain('/48');
    },
  );

  it('passes a narrow public IPv6 range', () => {
    expect(
      resultFor({ authorizedIPRanges: ['2001:db8:1234::/48'] }).verdict,
    ).toBe('pass');
  });

  it('fails every IPv4 address written as IPv4-mapped IPv6', () => {
    expect(
      resultFor({ authorizedIPRanges: ['::ffff:0.0.0.0/96'] }).verdict,
    ).toBe('fail');
  });

  it.each(['::ffff:10.1.2.0/120', '::1/128', '::/64'])(
    'warns on %s, which is no public range',
    range => {
      const result = resultFor({ authorizedIPRanges: [range] });

      expect(result.verdict).toBe('warn');
      expect(result.reason).toBe('private-range');
    },
  );

  it('warns on a unique local IPv6 range', () => {
    const result = resultFor({ authorizedIPRanges: ['fd12:3456:789a::/48'] });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('private-range');
  });

  it('warns on RFC 1918 ranges', () => {
    const result = resultFor({
      authorizedIPRanges: ['10.1.0.0/24', '203.0.113.0/24'],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('private-range');
    expect(result.message).toContain('10.1.0.0/24');
  });

  it('warns on ranges set on a private cluster', () => {
    const result = resultFor({
      enablePrivateCluster: true,
      authorizedIPRanges: ['203.0.113.0/24'],
    });

    expect(result.verdict).toBe('warn');
    expect(result.reason).toBe('ignored-on-private-cluster');
  });

  it('is not applicable without ranges', () => {
    expect(resultFor({ authorizedIPRanges: [] }).verdict).toBe(
      'not-applicable',
    );
    expect(resultFor({ enablePrivateCluster: true }).verdict).toBe(
      'not-applicable',
    );
  });

  it('reads the 2019-02-01 property name', () => {
    const result = runCheck(authorizedIpRangesValid, {
      resources: [
        managedCluster({ apiServerAuthorizedIPRanges: ['0.0.0.0/0'] }),
      ],
    });

    expect(result.verdict).toBe('fail');
  });

  it('is unknown when the cluster was not read', () => {
    const result = runCheck(authorizedIpRangesValid, {
      scope: { clusterId: CLUSTER_ID },
    });

    expect(result.verdict).toBe('unknown');
    expect(result.reason).toBe('unresolved-reference');
  });

  it.each([
    'arm-specs-aks-2025-10-01/ManagedClustersGet.json',
    'arm-specs-aks-2025-10-01/ManagedClustersCreate_PrivateClusterPublicFQDN.json',
  ])('is not applicable to %s, which has no ranges', file => {
    expect(
      runCheck(authorizedIpRangesValid, { resources: fixture(file) }).verdict,
    ).toBe('not-applicable');
  });
});
