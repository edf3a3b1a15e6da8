import { worstVerdict } from '../../evaluator/verdicts';
import { CheckOutcome } from '../types';

/**
 * Combines the findings about one subject (the pods behind a Service, one
 * controller) into one outcome: the worst verdict, its message prefixed with
 * the subject, a count of the other findings, and every finding's evidence.
 * Findings that pass add only their evidence.
 */
export function summarizeFindings(
  subject: string,
  findings: CheckOutcome[],
): CheckOutcome {
  const verdict = worstVerdict(findings.map(finding => finding.verdict));
  const worst = findings.find(finding => finding.verdict === verdict)!;
  const others = findings.filter(
    finding =>
      finding !== worst &&
      finding.verdict !== 'pass' &&
      finding.verdict !== 'not-applicable',
  ).length;
  const more =
    others > 0 ? ` ${others} more finding(s) are in the evidence.` : '';

  return {
    verdict,
    reason: worst.reason,
    message: `${subject}: ${worst.message}${more}`,
    evidence: findings.flatMap(finding => finding.evidence),
  };
}
