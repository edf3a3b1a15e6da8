import { Verdict } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  assessmentResponse,
  passingChecks,
  withCheck,
} from './__testUtils__/assessments';
import { overallVerdict, summariseFlows } from './flows';

describe('summariseFlows', () => {
  it('lists the four flows in display order', () => {
    const { assessment } = assessmentResponse(passingChecks());

    const flows = summariseFlows(assessment).map(summary => summary.flow);

    expect(flows).toEqual(['ingress', 'egress', 'pod-to-pod', 'management']);
  });

  it('ranks an unknown check above a pass', () => {
    const checks = withCheck(passingChecks(), 'pod.k8s.default-deny', {
      verdict: 'unknown',
    });
    const { assessment } = assessmentResponse(checks);

    const podToPod = summariseFlows(assessment).find(
      summary => summary.flow === 'pod-to-pod',
    );

    expect(podToPod?.verdict).toBe('unknown');
    expect(podToPod?.counts.unknown).toBe(1);
    expect(podToPod?.counts.pass).toBe(1);
  });

  it('distrusts a server flow verdict better than its checks', () => {
    const checks = withCheck(
      passingChecks(),
      'mgmt.aks.local-accounts-disabled',
      {
        verdict: 'unknown',
      },
    );
    const { assessment } = assessmentResponse(checks);
    assessment.flows = assessment.flows.map(status =>
      status.flow === 'management' ? { ...status, verdict: 'pass' } : status,
    );
    assessment.verdict = 'pass';

    const management = summariseFlows(assessment).find(
      summary => summary.flow === 'management',
    );

    expect(management?.verdict).toBe('unknown');
    expect(overallVerdict(assessment)).toBe('unknown');
  });

  it('reports a flow missing from the response as unknown', () => {
    const checks = passingChecks().filter(check => check.flow !== 'egress');
    const { assessment } = assessmentResponse(checks);
    assessment.flows = assessment.flows.filter(
      status => status.flow !== 'egress',
    );

    const egress = summariseFlows(assessment).find(
      summary => summary.flow === 'egress',
    );

    expect(egress?.verdict).toBe('unknown');
  });

  it('reports a flow without checks as unknown', () => {
    const checks = passingChecks().filter(check => check.flow !== 'egress');
    const { assessment } = assessmentResponse(checks);
    assessment.flows = assessment.flows.map(status =>
      status.flow === 'egress' ? { ...status, verdict: 'pass' } : status,
    );

    const egress = summariseFlows(assessment).find(
      summary => summary.flow === 'egress',
    );

    expect(egress?.verdict).toBe('unknown');
    expect(overallVerdict(assessment)).toBe('unknown');
  });

  it('keeps a server fail for a flow without checks', () => {
    const { assessment } = assessmentResponse([]);
    assessment.flows = assessment.flows.map(status =>
      status.flow === 'ingress' ? { ...status, verdict: 'fail' } : status,
    );

    const ingress = summariseFlows(assessment).find(
      summary => summary.flow === 'ingress',
    );

    expect(ingress?.verdict).toBe('fail');
  });

  it('reports an assessment without checks as unknown', () => {
    const { assessment } = assessmentResponse([]);
    assessment.verdict = 'pass';
    assessment.flows = assessment.flows.map(status => ({
      ...status,
      verdict: 'pass',
    }));

    const verdicts = summariseFlows(assessment).map(summary => summary.verdict);

    expect(verdicts).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(overallVerdict(assessment)).toBe('unknown');
  });

  it('counts an unrecognised check verdict as unknown', () => {
    const checks = withCheck(passingChecks(), 'egress.aks.outbound-type', {
      verdict: 'error' as Verdict,
    });
    const { assessment } = assessmentResponse(checks);

    const egress = summariseFlows(assessment).find(
      summary => summary.flow === 'egress',
    );

    expect(egress?.verdict).toBe('unknown');
    expect(egress?.counts.unknown).toBe(1);
  });

  it('ranks a fail above an unknown', () => {
    const checks = withCheck(
      withCheck(passingChecks(), 'ingress.appgw.min-tls-version', {
        verdict: 'unknown',
      }),
      'ingress.waf.prevention-mode',
      { verdict: 'fail' },
    );
    const { assessment } = assessmentResponse(checks);

    expect(summariseFlows(assessment)[0].verdict).toBe('fail');
    expect(overallVerdict(assessment)).toBe('fail');
  });
});
