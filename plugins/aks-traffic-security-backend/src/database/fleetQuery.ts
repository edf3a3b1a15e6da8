import { Knex } from 'knex';
import {
  Flow,
  Severity,
  VERDICT_ORDER,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { FleetFilter, FleetOrder } from './AssessmentStore';

/** The column of each flow's verdict. */
export const FLOW_COLUMNS: Record<Flow, string> = {
  ingress: 'verdict_ingress',
  egress: 'verdict_egress',
  'pod-to-pod': 'verdict_pod_to_pod',
  management: 'verdict_management',
};

/** The column of each severity's number of failing checks. */
export const SEVERITY_COLUMNS: Record<Severity, string> = {
  critical: 'failing_critical',
  high: 'failing_high',
  medium: 'failing_medium',
  low: 'failing_low',
  info: 'failing_info',
};

/** The summary columns of a fleet entry, without the assessment JSON. */
export const FLEET_COLUMNS = [
  'entity_ref',
  'title',
  'owner',
  'system',
  'cluster_id',
  'verdict',
  ...Object.values(FLOW_COLUMNS),
  ...Object.values(SEVERITY_COLUMNS),
  'evaluated_at',
  'stale',
  'failed_read_count',
];

/** Adds the conditions of the fleet filter to a query of the assessments table. */
export function applyFleetFilter(
  query: Knex.QueryBuilder,
  filter: FleetFilter,
): void {
  if (filter.owners?.length) {
    query.whereIn('owner', filter.owners);
  }
  if (filter.systems?.length) {
    query.whereIn('system', filter.systems);
  }
  if (filter.cluster) {
    const cluster = filter.cluster.trim().replace(/\/+$/, '').toLowerCase();
    if (cluster.startsWith('/')) {
      query.whereRaw('LOWER(cluster_id) = ?', [cluster]);
    } else {
      query.whereRaw('LOWER(cluster_name) = ?', [cluster]);
    }
  }
  if (filter.verdicts?.length) {
    const column = filter.flow ? FLOW_COLUMNS[filter.flow] : 'verdict';
    query.whereIn(column, filter.verdicts);
  }
  if (filter.severity) {
    query.where(SEVERITY_COLUMNS[filter.severity], '>', 0);
  }
}

/**
 * Adds the ORDER BY of a {@link FleetOrder} to a query of the assessments
 * table. It must sort exactly as `compareFleetEntries` does, because callers
 * whose read permission is conditional get their entries sorted in memory.
 */
export function applyFleetOrder(
  query: Knex.QueryBuilder,
  order: FleetOrder,
  dialect: string,
): void {
  // PostgreSQL sorts text by the database's collation, which may be
  // locale-aware, so "C" makes it sort by byte as SQLite's BINARY does.
  const collate = dialect === 'postgresql' ? ' COLLATE "C"' : '';
  const direction = order.order === 'desc' ? 'DESC' : 'ASC';

  const orderText = (expression: string, options: { raw: boolean }) => {
    query.orderByRaw(
      `CASE WHEN ${expression} IS NULL THEN 1 ELSE 0 END ${direction}`,
    );
    query.orderByRaw(`LOWER(${expression})${collate} ${direction}`);
    if (options.raw) {
      query.orderByRaw(`${expression}${collate} ${direction}`);
    }
  };

  switch (order.sort) {
    case 'verdict': {
      const ranks = VERDICT_ORDER.map(
        (verdict, rank) => `WHEN '${verdict}' THEN ${rank}`,
      ).join(' ');
      query.orderByRaw(`CASE verdict ${ranks} END ${direction}`);
      break;
    }
    case 'evaluatedAt':
      query.orderBy('evaluated_at', order.order);
      break;
    case 'cluster':
      orderText('cluster_name', { raw: false });
      break;
    case 'title':
      orderText('COALESCE(title, entity_ref)', { raw: true });
      break;
    case 'owner':
    case 'system':
      orderText(order.sort, { raw: true });
      break;
    default:
      query.orderByRaw(`entity_ref${collate} ${direction}`);
  }

  query.orderByRaw(`entity_ref${collate} ASC`);
}
