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
 * Returns the worst of the given verdicts, or `not-applicable` for none. A
 * value that is not a verdict, such as one from a newer or broken server,
 * counts as `unknown`.
 *
 * @public
 */
export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst = VERDICT_ORDER.length - 1;
  for (const verdict of verdicts) {
    worst = Math.min(worst, VERDICT_ORDER.indexOf(toVerdict(verdict)));
  }
  return VERDICT_ORDER[worst];
}

/** @public */
export function emptyVerdictCounts(): VerdictCounts {
  return { fail: 0, unknown: 0, warn: 0, pass: 0, 'not-applicable': 0 };
}

/**
 * Counts the verdicts. A value that is not a verdict counts as `unknown`.
 *
 * @public
 */
export function countVerdicts(verdicts: Iterable<Verdict>): VerdictCounts {
  const counts = emptyVerdictCounts();
  for (const verdict of verdicts) {
    counts[toVerdict(verdict)] += 1;
  }
  return counts;
}

/** @public */
export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && VERDICT_ORDER.includes(value as Verdict);
}

/**
 * Returns the value if it is a verdict, and `unknown` otherwise, because
 * data that cannot be read must never count as a pass.
 *
 * @public
 */
export function toVerdict(value: unknown): Verdict {
  return isVerdict(value) ? value : 'unknown';
}
