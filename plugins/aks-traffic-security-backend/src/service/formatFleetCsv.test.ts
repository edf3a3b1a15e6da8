import { FleetEntry } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { formatFleetCsv } from './formatFleetCsv';

const entry: FleetEntry = {
  entityRef: 'component:default/shop',
  title: 'Shop, "new"',
  owner: 'group:default/team-a',
  system: undefined,
  clusterId:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks-prod',
  verdict: 'fail',
  flows: {
    ingress: 'fail',
    egress: 'pass',
    'pod-to-pod': 'unknown',
    management: 'warn',
  },
  failingBySeverity: { critical: 2, low: 1 },
  evaluatedAt: '2026-12-01T10:00:00.000Z',
  stale: true,
  failedReads: 2,
};

describe('formatFleetCsv', () => {
  it('writes a header and one row per entry', () => {
    const lines = formatFleetCsv([entry]).split('\r\n');

    expect(lines).toEqual([
      'entityRef,title,owner,system,clusterId,verdict,ingress,egress,pod-to-pod,management,failingCritical,failingHigh,failingMedium,failingLow,failingInfo,evaluatedAt,stale,failedReads',
      `component:default/shop,"Shop, ""new""",group:default/team-a,,${entry.clusterId},fail,fail,pass,unknown,warn,2,0,0,1,0,2026-12-01T10:00:00.000Z,true,2`,
      '',
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = formatFleetCsv([
      { ...entry, title: '=HYPERLINK("http://example.com")' },
      { ...entry, title: '@SUM(A1:A2)' },
    ]);

    const rows = csv.split('\r\n').slice(1, 3);
    expect(rows[0]).toContain(`"'=HYPERLINK(""http://example.com"")"`);
    expect(rows[1]).toContain(`,'@SUM(A1:A2),`);
  });
});
