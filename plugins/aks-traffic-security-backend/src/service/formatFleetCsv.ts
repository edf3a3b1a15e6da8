import {
  capitalise,
  FleetEntry,
  FLOWS,
  SEVERITIES,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';

const HEADER = [
  'entityRef',
  'title',
  'owner',
  'system',
  'clusterId',
  'verdict',
  ...FLOWS,
  ...SEVERITIES.map(severity => `failing${capitalise(severity)}`),
  'evaluatedAt',
  'stale',
  'failedReads',
];

/**
 * Formats fleet entries as CSV (RFC 4180: comma-separated, CRLF line ends,
 * fields quoted when needed). Cells that a spreadsheet would run as a
 * formula are prefixed with an apostrophe, because titles come from catalog
 * files that anyone with catalog access may write.
 */
export function formatFleetCsv(entries: FleetEntry[]): string {
  const rows = entries.map(entry => [
    entry.entityRef,
    entry.title ?? '',
    entry.owner ?? '',
    entry.system ?? '',
    entry.clusterId ?? '',
    entry.verdict,
    ...FLOWS.map(flow => entry.flows[flow]),
    ...SEVERITIES.map(severity =>
      String(entry.failingBySeverity[severity] ?? 0),
    ),
    entry.evaluatedAt,
    String(entry.stale),
    String(entry.failedReads),
  ]);

  return [HEADER, ...rows]
    .map(row => row.map(formatCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function formatCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
