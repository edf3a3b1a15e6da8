import { HistoryRecord } from '../database/AssessmentStore';
import { describeChanges } from './describeChanges';

function record(overrides: Partial<HistoryRecord>): HistoryRecord {
  return {
    evaluatedAt: new Date('2026-12-01T10:00:00.000Z'),
    verdict: 'fail',
    source: 'snapshot',
    flows: {
      ingress: 'fail',
      egress: 'pass',
      'pod-to-pod': 'pass',
      management: 'pass',
    },
    counts: { fail: 1, unknown: 0, warn: 0, pass: 3, 'not-applicable': 0 },
    checks: {},
    ...overrides,
  };
}

describe('describeChanges', () => {
  it('lists changed, new and removed checks', () => {
    const previous = record({
      checks: {
        'mgmt.aks.api-server-exposure': 'fail',
        'egress.route.retired-check': 'pass',
        'ingress.appgw.unchanged': 'pass',
      },
    });
    const current = record({
      verdict: 'pass',
      flows: {
        ingress: 'pass',
        egress: 'pass',
        'pod-to-pod': 'pass',
        management: 'pass',
      },
      checks: {
        'mgmt.aks.api-server-exposure': 'pass',
        'ingress.appgw.unchanged': 'pass',
        'podToPod.new-check': 'unknown',
      },
    });

    const changes = describeChanges(current, previous);

    expect(changes.previousVerdict).toBe('fail');
    expect(changes.flows).toEqual({ ingress: 'fail' });
    expect(changes.checks).toEqual([
      {
        checkId: 'mgmt.aks.api-server-exposure',
        title: 'The API server is private or limited to authorized IP ranges.',
        from: 'fail',
        to: 'pass',
      },
      {
        checkId: 'podToPod.new-check',
        title: undefined,
        from: undefined,
        to: 'unknown',
      },
      { checkId: 'egress.route.retired-check', title: undefined, from: 'pass' },
    ]);
  });

  it('reports nothing between equal assessments', () => {
    const same = record({ checks: { 'mgmt.aks.api-server-exposure': 'pass' } });

    expect(describeChanges(same, same)).toEqual({
      previousVerdict: undefined,
      flows: {},
      checks: [],
    });
  });
});
