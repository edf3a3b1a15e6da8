import { evaluate } from '../../evaluator/evaluate';
import { fixture, resourceSet } from '../../__testUtils__/resourceSets';
import { referenceCluster } from '../../__testUtils__/referenceCluster';
import { managementChecks } from './index';

function verdicts(resources: ReturnType<typeof fixture>) {
  const assessment = evaluate(resourceSet({ resources }), {
    checks: managementChecks,
  });
  return Object.fromEntries(
    assessment.checks.map(check => [check.checkId, check.verdict]),
  );
}

describe('management checks', () => {
  it('lists the catalog section in order', () => {
    expect(managementChecks.map(check => check.id)).toEqual([
      'mgmt.aks.api-server-exposure',
      'mgmt.aks.authorized-ip-ranges-valid',
      'mgmt.aks.entra-id',
      'mgmt.aks.local-accounts-disabled',
      'mgmt.aks.rbac-enabled',
      'mgmt.aks.managed-identity',
      'mgmt.aks.workload-identity',
      'mgmt.aks.run-command-disabled',
    ]);
    for (const check of managementChecks) {
      expect(check.flow).toBe('management');
      expect(check.documentationUrl).toMatch(/^https:\/\//);
    }
  });

  it('passes the aks-baseline cluster settings', () => {
    expect(verdicts([referenceCluster()])).toEqual({
      'mgmt.aks.api-server-exposure': 'pass',
      'mgmt.aks.authorized-ip-ranges-valid': 'not-applicable',
      'mgmt.aks.entra-id': 'pass',
      'mgmt.aks.local-accounts-disabled': 'pass',
      'mgmt.aks.rbac-enabled': 'pass',
      'mgmt.aks.managed-identity': 'pass',
      'mgmt.aks.workload-identity': 'pass',
      'mgmt.aks.run-command-disabled': 'pass',
    });
  });

  it('judges ManagedClustersGet', () => {
    expect(
      verdicts(fixture('arm-specs-aks-2025-10-01/ManagedClustersGet.json')),
    ).toEqual({
      'mgmt.aks.api-server-exposure': 'fail',
      'mgmt.aks.authorized-ip-ranges-valid': 'not-applicable',
      'mgmt.aks.entra-id': 'fail',
      'mgmt.aks.local-accounts-disabled': 'fail',
      'mgmt.aks.rbac-enabled': 'fail',
      'mgmt.aks.managed-identity': 'fail',
      'mgmt.aks.workload-identity': 'warn',
      'mgmt.aks.run-command-disabled': 'warn',
    });
  });

  it('judges ManagedClustersCreate_UpdateWithEnableAzureRBAC', () => {
    const result = verdicts(
      fixture(
        'arm-specs-aks-2025-10-01/ManagedClustersCreate_UpdateWithEnableAzureRBAC.json',
      ),
    );

    expect(result['mgmt.aks.api-server-exposure']).toBe('fail');
    expect(result['mgmt.aks.entra-id']).toBe('pass');
    expect(result['mgmt.aks.local-accounts-disabled']).toBe('fail');
    expect(result['mgmt.aks.rbac-enabled']).toBe('pass');
  });
});
