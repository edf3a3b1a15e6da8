import { fixture } from '../../__testUtils__/resourceSets';
import {
  CLUSTER_ID,
  managedCluster,
  runCheck,
} from '../../__testUtils__/runCheck';
import { runCommandDisabled } from './runCommandDisabled';

describe('mgmt.aks.run-command-disabled', () => {
  it('passes when run command is disabled', () => {
    const cluster = managedCluster({
      apiServerAccessProfile: {
        enablePrivateCluster: true,
        disableRunCommand: true,
      },
    });

    expect(runCheck(runCommandDisabled, { resources: [cluster] }).verdict).toBe(
      'pass',
    );
  });

  it('warns when run command is enabled', () => {
    const cluster = managedCluster({
      apiServerAccessProfile: { disableRunCommand: false },
    });

    expect(runCheck(runCommandDisabled, { resources: [cluster] }).verdict).toBe(
      'warn',
    );
  });

  it('is unknown when the cluster was not read', () => {
    expect(
      runCheck(runCommandDisabled, { scope: { clusterId: CLUSTER_ID } })
        .verdict,
    ).toBe('unknown');
  });

  it('warns on ManagedClustersCreate_PrivateClusterPublicFQDN, which leaves it on', () => {
    const result = runCheck(runCommandDisabled, {
      resources: fixture(
        'arm-specs-aks-2025-10-01/ManagedClustersCreate_PrivateClusterPublicFQDN.json',
      ),
    });

    expect(result.verdict).toBe('warn');
  });
});
