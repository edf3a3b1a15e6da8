import {
  CheckResult,
  findCheck,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  CATALOG_FIELDS,
  CompactAssessment,
  expandAssessment,
} from './compactAssessment';

// Found in JSON text only where an object with the first key `checkId`
// begins: a `"` inside a string is escaped, and a string's closing `"` is
// never followed by a letter.
const CHECK_START = '{"checkId":';

// The JSON of the catalog fields to append to a result, by check id and by
// the bit mask of the fields the result lacks. Only ids in the catalog are
// kept, so this stays small.
const appendedFields = new Map<string, Array<string | undefined>>();

/**
 * Returns `JSON.stringify(expandAssessment(JSON.parse(json)))` without
 * serializing the whole assessment again: the catalog fields that
 * `compactAssessment` left out are appended to each check result's JSON,
 * where `expandAssessment` puts them.
 *
 * The splice relies on the text being `JSON.stringify` output, as the store
 * writes it. Text that does not split into check results as expected is
 * expanded and serialized in full.
 */
export function expandAssessmentJson(json: string): string {
  const stored = JSON.parse(json) as CompactAssessment;
  return (
    spliceCatalogFields(json, stored) ??
    JSON.stringify(expandAssessment(stored))
  );
}

function spliceCatalogFields(
  json: string,
  stored: CompactAssessment,
): string | undefined {
  const { checks } = stored;
  if (!Array.isArray(checks) || checks.length === 0) {
    return undefined;
  }

  // The check results lie between the serialized fields before `checks` and
  // those after it; both are short.
  const keys = Object.keys(stored);
  const checksIndex = keys.indexOf('checks');
  const before = serializeFields(stored, keys.slice(0, checksIndex));
  const after = serializeFields(stored, keys.slice(checksIndex + 1));
  const prefix = `{${before ? `${before},` : ''}"checks":[`;
  const suffix = `]${after ? `,${after}` : ''}}`;
  if (!json.startsWith(prefix) || !json.endsWith(suffix)) {
    return undefined;
  }
  const end = json.length - suffix.length;

  // Each check result whose first key is `checkId` adds one occurrence of
  // CHECK_START where it begins. As many occurrences as results means no
  // other, so the k-th occurrence begins the k-th result.
  const starts: number[] = [];
  for (
    let at = json.indexOf(CHECK_START, prefix.length);
    at !== -1 && at < end;
    at = json.indexOf(CHECK_START, at + CHECK_START.length)
  ) {
    starts.push(at);
  }
  if (starts.length !== checks.length || starts[0] !== prefix.length) {
    return undefined;
  }

  const parts: string[] = [];
  let copied = 0;
  for (let index = 0; index < checks.length; index++) {
    const result = checks[index];
    if (
      typeof result !== 'object' ||
      result === null ||
      Object.keys(result)[0] !== 'checkId'
    ) {
      return undefined;
    }

    // A result ends with `}` just before the comma that precedes the next
    // result, or just before the array's closing bracket.
    const close = index + 1 < checks.length ? starts[index + 1] - 2 : end - 1;
    if (
      json.charCodeAt(close) !== 0x7d ||
      (index + 1 < checks.length && json.charCodeAt(close + 1) !== 0x2c)
    ) {
      return undefined;
    }

    const appended = catalogFieldsFor(result);
    if (appended) {
      parts.push(json.slice(copied, close), appended);
      copied = close;
    }
  }
  parts.push(json.slice(copied));
  return parts.join('');
}

/**
 * Serializes some fields of an object as `JSON.stringify` does inside the
 * whole object, without the braces: an empty string for no fields.
 */
function serializeFields(object: object, keys: string[]): string {
  const fields = Object.fromEntries(
    keys.map(key => [key, (object as Record<string, unknown>)[key]]),
  );
  return JSON.stringify(fields).slice(1, -1);
}

/**
 * Returns the JSON of the catalog fields that `expandAssessment` adds to the
 * result, with a leading comma, or an empty string when it adds none.
 */
function catalogFieldsFor(result: Partial<CheckResult>): string {
  const check =
    typeof result.checkId === 'string' ? findCheck(result.checkId) : undefined;
  if (!check) {
    return '';
  }

  let missing = 0;
  CATALOG_FIELDS.forEach((field, bit) => {
    if (result[field] === undefined) {
      missing |= 1 << bit;
    }
  });

  let byMissing = appendedFields.get(check.id);
  if (!byMissing) {
    byMissing = [];
    appendedFields.set(check.id, byMissing);
  }
  let appended = byMissing[missing];
  if (appended === undefined) {
    const fields = Object.fromEntries(
      CATALOG_FIELDS.filter((_field, bit) => missing & (1 << bit)).map(
        field => [field, check[field]],
      ),
    );
    appended = serializeFields(fields, Object.keys(fields));
    appended = appended && `,${appended}`;
    byMissing[missing] = appended;
  }
  return appended;
}
