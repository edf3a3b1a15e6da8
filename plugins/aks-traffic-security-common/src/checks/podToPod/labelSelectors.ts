import { isJsonObject } from '../../resources/json';

/** One requirement of a Kubernetes label selector, `matchLabels` entries included. */
export interface SelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Returns the requirements of a label selector: each `matchLabels` entry as
 * an `In` requirement with one value, then each `matchExpressions` entry.
 * Returns `undefined` for an expression the API server would reject, such
 * as an unknown operator, so that callers do not guess.
 */
export function selectorRequirements(
  selector: unknown,
): SelectorRequirement[] | undefined {
  if (selector === undefined || selector === null) {
    return [];
  }
  if (!isJsonObject(selector)) {
    return undefined;
  }

  const requirements: SelectorRequirement[] = [];
  const matchLabels = selector.matchLabels;
  if (isJsonObject(matchLabels)) {
    for (const [key, value] of Object.entries(matchLabels)) {
      requirements.push({ key, operator: 'In', values: [String(value)] });
    }
  }

  const expressions = selector.matchExpressions;
  if (Array.isArray(expressions)) {
    for (const expression of expressions) {
      if (
        !isJsonObject(expression) ||
        typeof expression.key !== 'string' ||
        typeof expression.operator !== 'string' ||
        !OPERATORS.includes(expression.operator)
      ) {
        return undefined;
      }
      const values = Array.isArray(expression.values)
        ? expression.values.map(String)
        : [];
      requirements.push({
        key: expression.key,
        operator: expression.operator as SelectorRequirement['operator'],
        values,
      });
    }
  }
  return requirements;
}

/** Tells whether a label set meets one requirement. */
export function meetsRequirement(
  requirement: SelectorRequirement,
  labels: Record<string, string>,
): boolean {
  const present = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return present && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      return !present || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return present;
    default:
      return !present;
  }
}

/**
 * Tells whether a label selector selects a label set, with Kubernetes
 * semantics: every requirement must hold, and an empty selector (`{}`)
 * selects everything. An invalid selector selects nothing.
 */
export function matchesSelector(
  selector: unknown,
  labels: Record<string, string>,
): boolean {
  const requirements = selectorRequirements(selector);
  return (
    requirements !== undefined &&
    requirements.every(requirement => meetsRequirement(requirement, labels))
  );
}

/** Tells whether a selector is present and empty (`{}`), which selects everything. */
export function isEmptySelector(selector: unknown): boolean {
  const requirements = selectorRequirements(selector);
  return (
    isJsonObject(selector) &&
    requirements !== undefined &&
    requirements.length === 0
  );
}
