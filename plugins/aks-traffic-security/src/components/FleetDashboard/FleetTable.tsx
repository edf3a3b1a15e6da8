import { Table, TableColumn } from '@backstage/core-components';
import {
  FLOWS,
  FleetEntry,
  Severity,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import { FLOW_LABELS } from '../../flows';
import { AssessedTime } from '../AssessedTime';
import { VerdictStatus } from '../VerdictStatus';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Page sizes offered below the table; the backend accepts up to 500. */
export const PAGE_SIZES = [25, 50, 100];

function clusterName(clusterId: string | undefined): string | undefined {
  return clusterId?.split('/').filter(Boolean).pop();
}

function formatFailing(entry: FleetEntry): string {
  const parts = SEVERITIES.filter(
    severity => (entry.failingBySeverity[severity] ?? 0) > 0,
  ).map(severity => `${entry.failingBySeverity[severity]} ${severity}`);
  return parts.length > 0 ? parts.join(', ') : 'None';
}

// Full references such as group:default/team-a wrap letter by letter in the
// narrow columns, so links show the entity's display name, as catalog tables do.
function entityLink(ref: string | undefined, defaultKind: string) {
  if (!ref) {
    return <Typography color="textSecondary">—</Typography>;
  }
  return (
    <EntityRefLink
      entityRef={ref}
      defaultKind={defaultKind}
      disableTooltip
      hideIcon
    />
  );
}

const columns: TableColumn<FleetEntry>[] = [
  {
    title: 'Entity',
    field: 'entityRef',
    highlight: true,
    render: entry => (
      <EntityRefLink
        entityRef={entry.entityRef}
        defaultKind="component"
        disableTooltip
        hideIcon
      >
        {entry.title}
      </EntityRefLink>
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: entry => entityLink(entry.owner, 'group'),
  },
  {
    title: 'System',
    field: 'system',
    render: entry => entityLink(entry.system, 'system'),
  },
  {
    title: 'Cluster',
    field: 'clusterId',
    render: entry => (
      <span title={entry.clusterId}>{clusterName(entry.clusterId) ?? '—'}</span>
    ),
  },
  {
    title: 'Overall',
    field: 'verdict',
    render: entry => <VerdictStatus verdict={entry.verdict} />,
  },
  ...FLOWS.map(
    (flow): TableColumn<FleetEntry> => ({
      title: FLOW_LABELS[flow],
      field: `flows.${flow}`,
      render: entry => (
        <VerdictStatus verdict={entry.flows[flow] ?? 'unknown'} />
      ),
    }),
  ),
  { title: 'Failing checks', render: formatFailing },
  {
    title: 'Assessed',
    field: 'evaluatedAt',
    render: entry => (
      <>
        <AssessedTime value={entry.evaluatedAt} />
        {entry.stale && (
          <Typography variant="caption" color="error" display="block">
            Stale
          </Typography>
        )}
        {entry.failedReads > 0 && (
          <Typography variant="caption" color="error" display="block">
            {entry.failedReads === 1
              ? '1 read failed'
              : `${entry.failedReads} reads failed`}
          </Typography>
        )}
      </>
    ),
  },
];

/**
 * Renders one page of the fleet with the verdict of each flow. The backend
 * pages and sorts, so only the visible rows are ever in the browser.
 */
export function FleetTable(props: {
  entries: FleetEntry[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const { entries, total, page, pageSize, loading } = props;

  return (
    <>
      <Table<FleetEntry>
        title="Entities"
        isLoading={loading}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        columns={columns}
        data={entries}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No assessed entity matches the filters.
          </Typography>
        }
      />
      <TablePagination
        component="div"
        count={total}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, newPage) => props.onPageChange(newPage)}
        onRowsPerPageChange={event =>
          props.onPageSizeChange(Number(event.target.value))
        }
      />
    </>
  );
}
