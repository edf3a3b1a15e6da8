import { Verdict, VerdictCounts } from '../types';

/**
 * Verdicts from worst to best. `unknown` ranks worse than `warn` and `pass`,
 * so a flow is secure only when every check in it was evaluated and passed.
 *
 * @public
 */
export const VERDICT_ORDER: readonly Verdict[] = [
  'fail',
  'unknown',
  'warn',
  'pass',
  'not-applicable',
];

/**
 * Returns the worst of the given verdicts, or `not-applicable` for none.
 *
 * @public
 */
export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst = VERDICT_ORDER.length - 1;
  for (const verdict of verdicts) {
    worst = Math.min(worst, VERDICT_ORDER.indexOf(verdict));
  }
  return VERDICT_ORDER[worst];
}

/** @public */
export function emptyVerdictCounts(): VerdictCounts {
  return { fail: 0, unknown: 0, warn: 0, pass: 0, 'not-applicable': 0 };
}

/** @public */
export function countVerdicts(verdicts: Iterable<Verdict>): VerdictCounts {
  const counts = emptyVerdictCounts();
  for (const verdict of verdicts) {
    counts[verdict] += 1;
  }
  return counts;
}

/** @public */
export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && VERDICT_ORDER.includes(value as Verdict);
}
