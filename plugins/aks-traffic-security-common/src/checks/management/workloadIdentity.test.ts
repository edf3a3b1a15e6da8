import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { workloadIdentity } from './workloadIdentity';

function resultFor(properties: Record<string, any>) {
  return runCheck(workloadIdentity, {
    resources: [managedCluster(properties)],
  });
}

describe('mgmt.aks.workload-identity', () => {
  it('passes with workload identity and the OIDC issuer', () => {
    const result = resultFor({
      securityProfile: { workloadIdentity: { enabled: true } },
      oidcIssuerProfile: { enabled: true, issuerURL: 'https://oidc.example/' },
      podIdentityProfile: { enabled: false },
    });

    expect(result.verdict).toBe('pass');
  });

  it('warns when the OIDC issuer is off', () => {
    const result = resultFor({
      securityProfile: { workloadIdentity: { enabled: true } },
      oidcIssuerProfile: { enabled: false },
    });

    expect(result.verdict).toBe('warn');
    expect(result.message).toContain('OIDC issuer');
  });

  it('warns when neither is set', () => {
    expect(resultFor({}).verdict).toBe('warn');
  });

  it('fails when AAD Pod Identity is enabled', () => {
    const result = resultFor({
      securityProfile: { workloadIdentity: { enabled: true } },
      oidcIssuerProfile: { enabled: true },
      podIdentityProfile: { enabled: true },
    });

    expect(result.verdict).toBe('fail');
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(workloadIdentity, { scope: { clusterId: CLUSTER_ID } }).verdict,
    ).toBe('unknown');
  });

  it('warns on ManagedClustersGet, which enables neither', () => {
    const result = runCheck(workloadIdentity, {
      resources: fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json'),
    });

    expect(result.verdict).toBe('warn');
  });
});
