import {
  ALL_CHECKS,
  Assessment,
  CheckResult,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import fc from 'fast-check';
import { compactAssessment, expandAssessment } from './compactAssessment';
import { expandAssessmentJson } from './expandAssessmentJson';

/** Parses, expands and serializes an assessment, as the store did before `expandAssessmentJson`. */
function expandedInFull(json: string): string {
  return JSON.stringify(expandAssessment(JSON.parse(json)));
}

// Text that looks like JSON structure, check results included, inside strings.
const trickyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '{"checkId":"ingress.appgw.sku-waf-v2"}',
    '},{"checkId":',
    '"]}',
    '\\"',
    '\\',
    '\u2028',
    '\ud800',
  ),
);

const evidence = fc.array(
  fc.record(
    {
      resource: trickyText,
      path: trickyText,
      observed: fc.jsonValue(),
      expected: fc.jsonValue(),
      note: trickyText,
    },
    { requiredKeys: ['resource'] },
  ),
  { maxLength: 3 },
);

const checkResult: fc.Arbitrary<CheckResult> = fc
  .record({
    check: fc.constantFrom(...ALL_CHECKS),
    checkId: fc.option(trickyText, { freq: 5 }),
    title: fc.option(trickyText, { freq: 3 }),
    remediation: fc.option(trickyText, { freq: 3 }),
    documentationUrl: fc.option(fc.constantFrom(undefined, 'https://x'), {
      freq: 3,
    }),
    verdict: fc.constantFrom('pass', 'fail', 'unknown' as const),
    message: trickyText,
    evidence,
  })
  .map(generated => {
    const { check } = generated;
    return {
      checkId: generated.checkId ?? check.id,
      flow: check.flow,
      severity: check.severity,
      level: check.level,
      title: generated.title ?? check.title,
      verdict: generated.verdict,
      message: generated.message,
      evidence: generated.evidence,
      remediation: generated.remediation ?? check.remediation,
      documentationUrl:
        generated.documentationUrl === null
          ? check.documentationUrl
          : generated.documentationUrl,
    } as CheckResult;
  });

const assessment: fc.Arbitrary<Assessment> = fc.record({
  evaluatedAt: fc.date({ noInvalidDate: true }).map(date => date.toISOString()),
  verdict: fc.constantFrom('pass', 'fail' as const),
  flows: fc.constant([]),
  checks: fc.array(checkResult, { maxLength: 8 }),
  counts: fc.constant({
    pass: 1,
    warn: 0,
    fail: 2,
    unknown: 0,
    'not-applicable': 0,
  }),
});

describe('expandAssessmentJson', () => {
  it('returns what parsing, expanding and serializing returns', () => {
    fc.assert(
      fc.property(assessment, generated => {
        const json = JSON.stringify(compactAssessment(generated));

        expect(expandAssessmentJson(json)).toBe(expandedInFull(json));
      }),
      { numRuns: 500 },
    );
  });

  it('expands a result with a nested check result', () => {
    const [check] = ALL_CHECKS;
    const json = JSON.stringify({
      evaluatedAt: '2026-12-01T10:00:00.000Z',
      checks: [
        {
          checkId: check.id,
          evidence: [{ observed: [{ checkId: check.id }, { checkId: 1 }] }],
        },
        { checkId: check.id },
      ],
    });

    const expanded = JSON.parse(expandAssessmentJson(json));

    expect(expanded.checks[0].title).toBe(check.title);
    expect(expanded.checks[0].evidence[0].observed[0]).toEqual({
      checkId: check.id,
    });
    expect(expanded.checks[1].title).toBe(check.title);
    expect(expandAssessmentJson(json)).toBe(expandedInFull(json));
  });

  it('expands text laid out with white space', () => {
    const [check] = ALL_CHECKS;
    const json = JSON.stringify(
      { checks: [{ checkId: check.id }, { checkId: check.id }], counts: {} },
      null,
      2,
    );

    expect(expandAssessmentJson(json)).toBe(expandedInFull(json));
  });

  it('keeps the fields of an assessment without check results', () => {
    const json = JSON.stringify({ verdict: 'pass', checks: [], counts: {} });

    expect(expandAssessmentJson(json)).toBe(json);
  });
});
