import { Evidence, Verdict } from '../../../types';
import { worstVerdict } from '../../../evaluator/verdicts';
import { ElementOutcome } from '../../outcomes';

/** One fact about an element and the verdict it implies on its own. */
export interface Finding {
  verdict: Verdict;
  reason?: string;
  /** The problem, phrased to follow `<element>: `; empty for a `pass`. */
  text: string;
  evidence: Evidence;
}

/** Returns a `pass` finding that only records evidence. */
export function passFinding(evidence: Evidence): Finding {
  return { verdict: 'pass', text: '', evidence };
}

/**
 * Combines the findings about one element into its outcome: the worst
 * verdict, the reason of the first finding with that verdict, and a
 * message listing every problem.
 */
export function elementFromFindings(
  element: string,
  findings: Finding[],
  passMessage: string,
): ElementOutcome {
  const verdict = worstVerdict(findings.map(finding => finding.verdict));
  const worst = findings.find(finding => finding.verdict === verdict);
  const problems = findings.filter(
    finding => finding.verdict !== 'pass' && finding.text !== '',
  );
  return {
    element,
    verdict,
    reason: verdict === 'pass' ? undefined : worst?.reason,
    message:
      problems.length > 0
        ? `${element}: ${problems.map(finding => finding.text).join('; ')}.`
        : passMessage,
    evidence: findings.map(finding => finding.evidence),
  };
}
