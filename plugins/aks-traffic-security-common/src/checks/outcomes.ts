import { Evidence, Verdict } from '../types';
import { worstVerdict } from '../evaluator/verdicts';
import { CheckOutcome } from './types';

/** @public */
export function pass(message: string, evidence: Evidence[] = []): CheckOutcome {
  return { verdict: 'pass', message, evidence };
}

/** @public */
export function fail(message: string, evidence: Evidence[] = []): CheckOutcome {
  return { verdict: 'fail', message, evidence };
}

/** @public */
export function warn(
  message: string,
  evidence: Evidence[] = [],
  reason?: string,
): CheckOutcome {
  return { verdict: 'warn', message, evidence, reason };
}

/** @public */
export function unknown(
  reason: string,
  message: string,
  evidence: Evidence[] = [],
): CheckOutcome {
  return { verdict: 'unknown', message, evidence, reason };
}

/** @public */
export function notApplicable(
  message: string,
  evidence: Evidence[] = [],
): CheckOutcome {
  return { verdict: 'not-applicable', message, evidence };
}

/**
 * The outcome for one element of a collection (a listener, a rule, a policy).
 *
 * @public
 */
export interface ElementOutcome extends CheckOutcome {
  /** The element's name, listed in the evidence when its verdict is not `pass`. */
  element: string;
}

/**
 * Combines per-element outcomes into one: the worst verdict, every element's
 * evidence, and the names of the elements that did not pass. The message is
 * that of the worst element, prefixed with the element name when several exist.
 *
 * @public
 */
export function combineElements(
  outcomes: ElementOutcome[],
  emptyMessage: string,
): CheckOutcome {
  if (outcomes.length === 0) {
    return notApplicable(emptyMessage);
  }

  const verdict = worstVerdict(outcomes.map(outcome => outcome.verdict));
  const offending = outcomes.filter(
    outcome =>
      outcome.verdict !== 'pass' && outcome.verdict !== 'not-applicable',
  );
  const worst = outcomes.find(outcome => outcome.verdict === verdict)!;
  const evidence = outcomes.flatMap(outcome =>
    outcome.evidence.map(item => ({
      ...item,
      elements: item.elements ?? [outcome.element],
    })),
  );
  const message =
    offending.length > 1
      ? `${offending.length} of ${outcomes.length}: ${offending
          .map(outcome => outcome.element)
          .join(', ')}. ${worst.message}`
      : worst.message;

  return { verdict, message, reason: worst.reason, evidence };
}

/** @public */
export function isWorseThan(a: Verdict, b: Verdict): boolean {
  return worstVerdict([a, b]) === a && a !== b;
}
