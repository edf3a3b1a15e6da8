import {
  FleetEntry,
  VERDICT_ORDER,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetOrder } from '../database/AssessmentStore';

/**
 * Compares two fleet entries in a {@link FleetOrder}. It sorts as the store's
 * ORDER BY (`applyFleetOrder`) does, so that a page reads the same whether the
 * database or this function sorted it.
 */
export function compareFleetEntries(
  order: FleetOrder,
  a: FleetEntry,
  b: FleetEntry,
): number {
  const direction = order.order === 'desc' ? -1 : 1;
  return (
    direction * compareBy(order.sort, a, b) ||
    compareCodeUnits(a.entityRef, b.entityRef)
  );
}

/**
 * Compares two entries by a sort field. Verdicts sort from worst to best,
 * and absent values sort last in ascending order.
 */
function compareBy(
  field: FleetOrder['sort'],
  a: FleetEntry,
  b: FleetEntry,
): number {
  switch (field) {
    case 'verdict':
      return (
        VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict)
      );
    case 'evaluatedAt':
      return compareCodeUnits(a.evaluatedAt, b.evaluatedAt);
    case 'cluster':
      return compareText(clusterName(a.clusterId), clusterName(b.clusterId));
    case 'title':
      return compareText(a.title ?? a.entityRef, b.title ?? b.entityRef);
    case 'owner':
    case 'system':
      return compareText(a[field], b[field]);
    default:
      return compareCodeUnits(a.entityRef, b.entityRef);
  }
}

/**
 * Compares text case-insensitively, then exactly, by code unit rather than by
 * locale, because SQLite and PostgreSQL with the "C" collation compare bytes.
 *
 * NOTE: SQLite's LOWER folds ASCII letters only, and UTF-8 byte order differs
 * from UTF-16 code unit order above U+D7FF, so text with such characters can
 * sort differently in memory and in the database.
 */
function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) {
    return 0;
  }
  if (a === undefined) {
    return 1;
  }
  if (b === undefined) {
    return -1;
  }
  return (
    compareCodeUnits(a.toLowerCase(), b.toLowerCase()) || compareCodeUnits(a, b)
  );
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function clusterName(clusterId: string | undefined): string | undefined {
  return clusterId?.split('/').filter(Boolean).pop()?.toLowerCase();
}
