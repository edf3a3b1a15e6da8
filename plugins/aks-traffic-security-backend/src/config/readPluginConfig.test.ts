import path from 'path';
import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from './readPluginConfig';
import { createResourceSource } from '../sources/createResourceSource';
import { SnapshotResourceSource } from '../sources/SnapshotResourceSource';
import { AzureResourceSource } from '../sources/azure/AzureResourceSource';
import { mockServices } from '@backstage/backend-test-utils';

function configWith(aksTrafficSecurity: Record<string, any>) {
  return new ConfigReader({ aksTrafficSecurity });
}

describe('readPluginConfig', () => {
  it('fills in the defaults', () => {
    const config = readPluginConfig(new ConfigReader({}));

    expect(config).toEqual({
      source: 'snapshot',
      snapshotDirectory: undefined,
      policy: {},
      refreshSchedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 5 },
        scope: undefined,
      },
      refreshChangedSchedule: {
        frequency: { minutes: 2 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 2 },
        scope: undefined,
      },
      historyRetentionDays: 90,
    });
  });

  it('resolves the snapshot directory against the working directory', () => {
    const config = readPluginConfig(
      configWith({ snapshot: { directory: '../../examples/snapshot' } }),
    );

    expect(config.snapshotDirectory).toBe(
      path.resolve(process.cwd(), '../../examples/snapshot'),
    );
  });

  it('replaces each schedule default whole', () => {
    const config = readPluginConfig(
      configWith({ refresh: { frequency: { hours: 1 }, timeout: 'PT5M' } }),
    );

    expect(config.refreshSchedule.frequency).toEqual({ hours: 1 });
    expect(config.refreshSchedule.timeout).toEqual({ minutes: 5 });
    expect(config.refreshSchedule.initialDelay).toEqual({ seconds: 5 });
  });

  it('reads the schedule of the refresh of changed entities on its own', () => {
    const config = readPluginConfig(
      configWith({
        refresh: { frequency: { hours: 1 } },
        refreshChanged: { frequency: 'PT30S', scope: 'local' },
      }),
    );

    expect(config.refreshSchedule.frequency).toEqual({ hours: 1 });
    expect(config.refreshChangedSchedule.frequency).toEqual({ seconds: 30 });
    expect(config.refreshChangedSchedule.initialDelay).toEqual({ minutes: 2 });
    expect(config.refreshChangedSchedule.scope).toBe('local');
  });

  it('reads a cron frequency', () => {
    const config = readPluginConfig(
      configWith({ refresh: { frequency: { cron: '*/15 * * * *' } } }),
    );

    expect(config.refreshSchedule.frequency).toEqual({ cron: '*/15 * * * *' });
  });

  it('reads the organisation policy', () => {
    const config = readPluginConfig(
      configWith({
        policy: {
          disabledChecks: ['mgmt.aks.api-server-exposure'],
          severityOverrides: { 'mgmt.aks.api-server-exposure': 'low' },
          approvedCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
          acceptedNetworkPolicyEngines: ['Cilium'],
          requireTlsToPod: true,
        },
      }),
    );

    expect(config.policy).toEqual({
      disabledChecks: ['mgmt.aks.api-server-exposure'],
      severityOverrides: { 'mgmt.aks.api-server-exposure': 'low' },
      approvedCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
      acceptedNetworkPolicyEngines: ['cilium'],
      requireTlsToPod: true,
    });
  });

  it('reads the Azure and Kubernetes blocks only for the azure source', () => {
    const blocks = {
      azure: { cloud: 'AzureChinaCloud' },
      kubernetes: {
        clusters: [
          {
            clusterId:
              '/subscriptions/3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod',
            url: 'https://aks-prod.hcp.chinaeast2.cx.prod.service.azk8s.cn',
            authProvider: 'azure',
          },
        ],
      },
    };

    const azure = readPluginConfig(configWith({ source: 'azure', ...blocks }));
    const snapshot = readPluginConfig(configWith(blocks));

    expect(azure.azure?.cloud.resourceManagerEndpoint).toBe(
      'https://management.chinacloudapi.cn',
    );
    expect(azure.kubernetes?.clusters).toHaveLength(1);
    expect(snapshot.azure).toBeUndefined();
    expect(snapshot.kubernetes).toBeUndefined();
  });

  it.each([
    [
      { source: 'arm' },
      "Invalid config 'aksTrafficSecurity.source' value 'arm'; expected one of snapshot, azure",
    ],
    [
      { policy: { disabledChecks: ['ingress.appgw.no-such-check'] } },
      "Invalid config 'aksTrafficSecurity.policy.disabledChecks': unknown check id(s) 'ingress.appgw.no-such-check'",
    ],
    [
      {
        policy: {
          severityOverrides: { 'mgmt.aks.api-server-exposure': 'urgent' },
        },
      },
      "Invalid config 'aksTrafficSecurity.policy.severityOverrides.mgmt.aks.api-server-exposure' value 'urgent'; expected one of critical, high, medium, low, info",
    ],
    [
      { policy: { severityOverrides: { 'no.such.check': 'low' } } },
      "Invalid config 'aksTrafficSecurity.policy.severityOverrides.no.such.check': unknown check id 'no.such.check'",
    ],
    [
      { policy: { approvedCipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'] } },
      "Invalid config 'aksTrafficSecurity.policy.approvedCipherSuites' value(s) 'ECDHE-RSA-AES256-GCM-SHA384'",
    ],
    [
      { policy: { acceptedNetworkPolicyEngines: ['calico weave'] } },
      "Invalid config 'aksTrafficSecurity.policy.acceptedNetworkPolicyEngines' value(s) 'calico weave'",
    ],
    [
      { policy: { requireTlsToPod: 'sometimes' } },
      'aksTrafficSecurity.policy.requireTlsToPod',
    ],
    [
      { history: { retentionDays: 0 } },
      "Invalid config 'aksTrafficSecurity.history.retentionDays' value '0'",
    ],
    [
      { refresh: { frequency: { fortnights: 1 } } },
      "Invalid config 'aksTrafficSecurity.refresh'",
    ],
    [
      { refreshChanged: { timeout: 'soon' } },
      "Invalid config 'aksTrafficSecurity.refreshChanged'",
    ],
  ])('rejects %j', (value, message) => {
    expect(() => readPluginConfig(configWith(value))).toThrow(message);
  });
});

describe('createResourceSource', () => {
  const logger = mockServices.logger.mock();

  it('creates the snapshot source', () => {
    const source = createResourceSource(
      readPluginConfig(
        configWith({ snapshot: { directory: '/tmp/snapshot' } }),
      ),
      { logger },
    );

    expect(source).toBeInstanceOf(SnapshotResourceSource);
    expect(source.name).toBe('snapshot');
  });

  it('rejects the snapshot source without a directory', () => {
    expect(() =>
      createResourceSource(readPluginConfig(new ConfigReader({})), { logger }),
    ).toThrow("Missing config 'aksTrafficSecurity.snapshot.directory'");
  });

  it('creates the azure source without touching its credential', () => {
    const source = createResourceSource(
      readPluginConfig(
        configWith({
          source: 'azure',
          azure: { credential: { type: 'clientSecret' } },
        }),
      ),
      { logger },
    );

    expect(source).toBeInstanceOf(AzureResourceSource);
    expect(source.name).toBe('azure');
  });
});
