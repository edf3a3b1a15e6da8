import {
  ALL_CHECKS,
  Assessment,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { compactAssessment, expandAssessment } from './compactAssessment';

const [tls, waf] = ALL_CHECKS;

function resultOf(check: (typeof ALL_CHECKS)[number]) {
  return {
    checkId: check.id,
    flow: check.flow,
    severity: check.severity,
    level: check.level,
    title: check.title,
    verdict: 'fail' as const,
    message: `${check.id} failed`,
    evidence: [{ path: 'properties.sku.tier', observed: 'Standard_v2' }],
    remediation: check.remediation,
    documentationUrl: check.documentationUrl,
  };
}

const assessment: Assessment = {
  evaluatedAt: '2026-12-01T10:00:00.000Z',
  verdict: 'fail',
  flows: [],
  counts: { pass: 0, warn: 0, fail: 3, unknown: 0, 'not-applicable': 0 },
  checks: [
    resultOf(tls),
    { ...resultOf(waf), title: 'A title from an older catalog' },
    {
      ...resultOf(tls),
      checkId: 'ingress.retired-check',
      title: 'A check no longer in the catalog',
    },
  ],
};

describe('compactAssessment', () => {
  it('leaves out of the stored JSON only the fields equal to the catalog', () => {
    const [current, older, retired] = JSON.parse(
      JSON.stringify(compactAssessment(assessment)),
    ).checks;

    expect(Object.keys(current).sort()).toEqual([
      'checkId',
      'evidence',
      'message',
      'severity',
      'verdict',
    ]);
    expect(older.title).toBe('A title from an older catalog');
    expect(older.remediation).toBeUndefined();
    expect(retired).toEqual(assessment.checks[2]);
  });

  it('round-trips through JSON unchanged', () => {
    const stored = JSON.parse(JSON.stringify(compactAssessment(assessment)));

    expect(expandAssessment(stored)).toEqual(assessment);
  });

  it('shrinks the stored JSON', () => {
    const full = JSON.stringify(assessment).length;
    const compact = JSON.stringify(compactAssessment(assessment)).length;

    expect(compact).toBeLessThan(full * 0.7);
  });

  it('expands an assessment stored in full unchanged', () => {
    expect(expandAssessment(assessment)).toEqual(assessment);
  });
});
