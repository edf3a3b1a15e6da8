import { evaluate } from '../../evaluator/evaluate';
import { arm, fixture, resourceSet } from '../../__testUtils__/resourceSets';
import { apiServerExposure } from './apiServerExposure';

const CLUSTER_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1';

function verdictFor(properties: Record<string, unknown>) {
  const cluster = arm({
    id: CLUSTER_ID,
    name: 'aks-1',
    type: 'Microsoft.ContainerService/managedClusters',
    properties: properties as any,
  });
  const assessment = evaluate(resourceSet({ resources: [cluster] }), {
    checks: [apiServerExposure],
  });
  return assessment.checks[0];
}

describe('mgmt.aks.api-server-exposure', () => {
  it('passes a private cluster', () => {
    expect(
      verdictFor({ apiServerAccessProfile: { enablePrivateCluster: true } })
        .verdict,
    ).toBe('pass');
  });

  it('passes a public cluster with authorized ranges', () => {
    const result = verdictFor({
      apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] },
    });
    expect(result.verdict).toBe('pass');
  });

  it.each([['203.0.113.0/24'], [['203.0.113.0/24', 7]], [{}]])(
    'is unknown for authorized ranges set to %j',
    authorizedIPRanges => {
      const result = verdictFor({
        apiServerAccessProfile: { authorizedIPRanges },
      });

      expect(result.verdict).toBe('unknown');
      expect(result.reason).toBe('unrecognised-value');
      expect(result.message).toContain('is not a list of CIDR ranges');
    },
  );

  it('reads the 2019-02-01 property name', () => {
    expect(
      verdictFor({ apiServerAuthorizedIPRanges: ['203.0.113.0/24'] }).verdict,
    ).toBe('pass');
  });

  it('fails a public cluster with an empty range list', () => {
    expect(
      verdictFor({ apiServerAccessProfile: { authorizedIPRanges: [] } })
        .verdict,
    ).toBe('fail');
  });

  it('fails a cluster with no access profile', () => {
    expect(verdictFor({}).verdict).toBe('fail');
  });

  it('is unknown when the cluster was not read', () => {
    const assessment = evaluate(
      resourceSet({ scope: { clusterId: CLUSTER_ID } }),
      { checks: [apiServerExposure] },
    );
    expect(assessment.checks[0].verdict).toBe('unknown');
    expect(assessment.checks[0].reason).toBe('unresolved-reference');
  });

  it('fails the ManagedClustersGet example', () => {
    const assessment = evaluate(
      resourceSet({
        resources: fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
      }),
      { checks: [apiServerExposure] },
    );
    expect(assessment.checks[0].verdict).toBe('fail');
  });

  it('passes ManagedClustersCreate_PrivateClusterPublicFQDN and notes the public name', () => {
    const assessment = evaluate(
      resourceSet({
        resources: fixture(
          'arm-specs-aks-2025-10-01/ManagedClustersCreate_PrivateClusterPublicFQDN.json',
        ),
      }),
      { checks: [apiServerExposure] },
    );
    expect(assessment.checks[0].verdict).toBe('pass');
    expect(assessment.checks[0].evidence[0].note).toContain(
      'enablePrivateClusterPublicFQDN',
    );
  });
});
