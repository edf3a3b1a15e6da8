import { Evidence } from '../../../types';
import { worstVerdict } from '../../../evaluator/verdicts';
import { notApplicable } from '../../outcomes';
import { CheckOutcome } from '../../types';

/**
 * The outcome shared by several elements of a collection, for example every
 * listener that uses the same TLS policy.
 */
export interface GroupOutcome extends CheckOutcome {
  /** The names of the elements the outcome applies to. */
  elements: string[];
}

/** The name of an element, singular and plural, such as `['policy', 'policies']`. */
export type ElementNoun = string | [singular: string, plural: string];

function plural(noun: ElementNoun, count: number): string {
  const [singular, many] = Array.isArray(noun) ? noun : [noun, `${noun}s`];
  return count === 1 ? singular : many;
}

/**
 * Combines grouped outcomes into one: the worst verdict, each group's
 * evidence tagged with its elements, and a message that names the elements
 * that did not pass. Judging a shared setting once per group keeps checks
 * linear on gateways with hundreds of listeners.
 *
 * @param noun - the element name for the message, such as `listener`
 */
export function combineGroups(
  groups: GroupOutcome[],
  emptyMessage: string,
  noun: ElementNoun = 'listener',
): CheckOutcome {
  if (groups.length === 0) {
    return notApplicable(emptyMessage);
  }

  const verdict = worstVerdict(groups.map(group => group.verdict));
  const worst = groups.find(group => group.verdict === verdict)!;
  const offending = groups.filter(
    group => group.verdict !== 'pass' && group.verdict !== 'not-applicable',
  );
  const evidence: Evidence[] = groups.flatMap(group =>
    group.evidence.map(item => ({
      ...item,
      elements: item.elements ?? group.elements,
    })),
  );

  const total = groups.reduce(
    (count, group) => count + group.elements.length,
    0,
  );
  let message: string;
  if (offending.length === 0) {
    message =
      groups.length === 1
        ? worst.message
        : `${total} ${plural(noun, total)} checked. ${worst.message}`;
  } else if (offending.length === 1) {
    const names = worst.elements;
    message = `${worst.message} Affected ${plural(
      noun,
      names.length,
    )}: ${names.join(', ')}.`;
  } else {
    const names = offending.flatMap(group => group.elements);
    message = `${names.length} of ${total} ${plural(
      noun,
      total,
    )} do not pass (${names.join(', ')}). ${worst.message} Affected ${plural(
      noun,
      worst.elements.length,
    )}: ${worst.elements.join(', ')}.`;
  }
  return { verdict, message, reason: worst.reason, evidence };
}
