import { Table, TableColumn } from '@backstage/core-components';
import {
  CheckResult,
  FLOWS,
  Severity,
  VERDICT_ORDER,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useMemo } from 'react';
import { FLOW_LABELS } from '../../flows';
import { VERDICT_LABELS, VerdictStatus } from '../VerdictStatus';
import { CheckDetails } from './CheckDetails';
import { ChecksFilter, ChecksFilterBar } from './ChecksFilterBar';

const SEVERITY_ORDER: Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

// Material Table adds its row state, including the open detail panel, to each row object.
type CheckRow = CheckResult & {
  tableData?: { showDetailPanel?: unknown };
};

function detailsId(check: CheckResult): string {
  return `aks-traffic-security-details-${check.checkId.replace(
    /[^a-z0-9-]/gi,
    '-',
  )}`;
}

function compareChecks(a: CheckResult, b: CheckResult): number {
  return (
    VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) ||
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    FLOWS.indexOf(a.flow) - FLOWS.indexOf(b.flow) ||
    a.checkId.localeCompare(b.checkId)
  );
}

const columns: TableColumn<CheckRow>[] = [
  {
    title: 'Details',
    width: '64px',
    sorting: false,
    render: row => {
      const expanded = Boolean(row.tableData?.showDetailPanel);
      // The click bubbles to the row, whose handler opens the detail panel.
      return (
        <IconButton
          size="small"
          aria-label={`${expanded ? 'Hide' : 'Show'} details of ${row.checkId}`}
          aria-expanded={expanded}
          aria-controls={expanded ? detailsId(row) : undefined}
          style={{ transform: expanded ? 'rotate(180deg)' : undefined }}
        >
          <ExpandMoreIcon />
        </IconButton>
      );
    },
  },
  {
    title: 'Verdict',
    field: 'verdict',
    width: '140px',
    customSort: (a, b) =>
      VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict),
    render: row => <VerdictStatus verdict={row.verdict} />,
  },
  {
    title: 'Check',
    field: 'title',
    highlight: true,
    render: row => (
      <>
        <Typography variant="body2">{row.title}</Typography>
        <Typography variant="caption" color="textSecondary" component="code">
          {row.checkId}
        </Typography>
      </>
    ),
  },
  {
    title: 'Flow',
    field: 'flow',
    width: '140px',
    render: row => FLOW_LABELS[row.flow],
  },
  {
    title: 'Severity',
    field: 'severity',
    width: '120px',
    customSort: (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
    render: row => row.severity,
  },
];

/** Reports whether a check passes a filter. */
export function matchesFilter(
  check: CheckResult,
  filter: ChecksFilter,
): boolean {
  const text = filter.text?.trim().toLowerCase();
  return (
    (filter.flow === undefined || check.flow === filter.flow) &&
    (filter.verdict === undefined || check.verdict === filter.verdict) &&
    (!text ||
      [check.checkId, check.title, check.message].some(value =>
        value.toLowerCase().includes(text),
      ))
  );
}

/**
 * Renders the checks of an assessment, worst first, filterable by flow, verdict
 * and text.
 * Clicking a row or its details button opens its evidence and fix.
 */
export function ChecksTable(props: {
  checks: CheckResult[];
  filter: ChecksFilter;
  onFilterChange: (filter: ChecksFilter) => void;
}) {
  const { checks, filter, onFilterChange } = props;

  // Fresh row objects per filter, because Material Table keeps the open
  // detail panels on them.
  const rows = useMemo<CheckRow[]>(
    () =>
      checks
        .filter(check => matchesFilter(check, filter))
        .sort(compareChecks)
        .map(check => ({ ...check })),
    [checks, filter],
  );

  return (
    <>
      <ChecksFilterBar
        filter={filter}
        onChange={onFilterChange}
        flows={FLOWS}
        verdicts={VERDICT_ORDER}
      />
      <Table<CheckRow>
        title={`Checks (${rows.length} of ${checks.length})`}
        options={{
          paging: false,
          // The filter bar searches, so that the title counts what it finds.
          search: false,
          padding: 'dense',
          // The Details column has the toggle, with an accessible name.
          showDetailPanelIcon: false,
          // Draggable columns wrap each header in a drag handle with the
          // button role, a second tab stop beside the sort button that also
          // makes an unsortable header look like a button.
          draggable: false,
        }}
        columns={columns}
        data={rows}
        onRowClick={(_event, _row, togglePanel) => togglePanel?.()}
        detailPanel={({ rowData }) => (
          <CheckDetails check={rowData} id={detailsId(rowData)} />
        )}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No check matches the filter
            {filter.flow ? ` flow ${FLOW_LABELS[filter.flow]}` : ''}
            {filter.verdict ? ` verdict ${VERDICT_LABELS[filter.verdict]}` : ''}
            {filter.text ? ` text "${filter.text}"` : ''}.
          </Typography>
        }
      />
    </>
  );
}
