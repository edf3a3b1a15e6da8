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
    // Findings with the same text, such as one per key of a Secret, keep
    // their own evidence but are named once.
    message:
      problems.length > 0
        ? `${element}: ${[
            ...new Set(problems.map(finding => finding.text)),
          ].join('; ')}.`
        : passMessage,
    evidence: findings.map(finding => finding.evidence),
  };
}

/** The problem texts of {@link podTlsFinding}, in the words of the route or listener it judges. */
export interface PodTlsTexts {
  /** The problem when the pods do not terminate TLS. */
  fail: string;
  /** The problem when the entity does not declare whether they do. */
  unknown: string;
  /** The expected value of the evidence's path when the pods do not terminate TLS. */
  expected: string;
}

/**
 * Judges traffic that reaches the pods as it arrived, passed through or
 * never decrypted: it stays on TLS only when the pods terminate TLS, which
 * the entity declares. Undeclared is `unknown`, never a `pass`.
 */
export function podTlsFinding(
  tlsToPod: boolean | undefined,
  evidence: Evidence,
  texts: PodTlsTexts,
): Finding {
  if (tlsToPod === true) {
    return passFinding({ ...evidence, note: 'the pods terminate TLS' });
  }
  if (tlsToPod === false) {
    return {
      verdict: 'fail',
      text: texts.fail,
      evidence: { ...evidence, expected: texts.expected },
    };
  }
  return {
    verdict: 'unknown',
    reason: 'tls-to-pod-unknown',
    text: texts.unknown,
    evidence,
  };
}
