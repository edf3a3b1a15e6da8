import {
  Assessment,
  CheckMetadata,
  CheckResult,
  findCheck,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

/**
 * The fields of a check result that copy the check's catalog entry. They
 * made up about a third of an assessment of the fleet benchmark, so they
 * are stored only where they differ from the catalog.
 */
export const CATALOG_FIELDS = [
  'flow',
  'level',
  'title',
  'remediation',
  'documentationUrl',
] as const satisfies ReadonlyArray<keyof CheckResult & keyof CheckMetadata>;

type CatalogField = (typeof CATALOG_FIELDS)[number];

/** A check result as stored: catalog fields equal to the catalog's are left out. */
export type CompactCheckResult = Omit<CheckResult, CatalogField> &
  Partial<Pick<CheckResult, CatalogField>>;

/** An assessment as stored in the database. */
export type CompactAssessment = Omit<Assessment, 'checks'> & {
  checks: CompactCheckResult[];
};

/**
 * Drops the catalog fields of each check result that equal the current
 * catalog's. A result of a check that is not in the catalog keeps them all.
 */
export function compactAssessment(assessment: Assessment): CompactAssessment {
  return {
    ...assessment,
    checks: assessment.checks.map(result => {
      const check = findCheck(result.checkId);
      if (!check) {
        return result;
      }

      // A copy with the copied fields set to `undefined` keeps the result's
      // shape, so V8 clones it on a fast path, and `JSON.stringify` leaves
      // those fields out.
      const compact: CompactCheckResult = { ...result };
      for (const field of CATALOG_FIELDS) {
        if (compact[field] === check[field]) {
          compact[field] = undefined;
        }
      }
      return compact;
    }),
  };
}

/**
 * Restores the catalog fields that {@link compactAssessment} dropped. An
 * assessment stored in full is returned unchanged.
 */
export function expandAssessment(stored: CompactAssessment): Assessment {
  return {
    ...stored,
    checks: stored.checks.map(result => {
      const check = findCheck(result.checkId);
      if (!check) {
        return result as CheckResult;
      }

      const expanded = { ...result } as CheckResult;
      for (const field of CATALOG_FIELDS) {
        if (expanded[field] === undefined) {
          (expanded as Record<CatalogField, string>)[field] = check[field];
        }
      }
      return expanded;
    }),
  };
}
