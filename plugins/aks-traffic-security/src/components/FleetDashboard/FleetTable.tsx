import {
  FLOWS,
  FleetEntry,
  FleetSortField,
  Severity,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Toolbar from '@material-ui/core/Toolbar';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { FLOW_LABELS } from '../../flows';
import { AssessedTime } from '../AssessedTime';
import { VerdictStatus } from '../VerdictStatus';
import { PAGE_SIZES } from './fleetDefaults';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function clusterName(clusterId: string | undefined): string | undefined {
  return clusterId?.split('/').filter(Boolean).pop();
}

function formatFailing(entry: FleetEntry): string {
  const parts = SEVERITIES.filter(
    severity => (entry.failingBySeverity[severity] ?? 0) > 0,
  ).map(severity => `${entry.failingBySeverity[severity]} ${severity}`);
  return parts.length > 0 ? parts.join(', ') : 'None';
}

/**
 * Renders a link to an entity with its display name, as catalog tables do,
 * because full references such as group:default/team-a wrap letter by letter
 * in the narrow columns. Without children, EntityRefLink shows the same name
 * in a Material UI 4 Box, whose dynamic styles add a style element to the
 * page for each instance: up to 75 per page of the table, inserted and
 * removed again on every page change.
 */
function EntityNameLink(props: { entityRef: string; defaultKind: string }) {
  const { entityRef, defaultKind } = props;
  const { primaryTitle } = useEntityPresentation(entityRef, { defaultKind });

  return (
    <EntityRefLink entityRef={entityRef} defaultKind={defaultKind}>
      {primaryTitle}
    </EntityRefLink>
  );
}

function entityLink(ref: string | undefined, defaultKind: string) {
  if (!ref) {
    return <Typography color="textSecondary">—</Typography>;
  }
  return <EntityNameLink entityRef={ref} defaultKind={defaultKind} />;
}

// Cells have narrow padding, and text wraps at spaces and hyphens, verdict
// labels included, but never inside a word ("Managemen/t"). Measured in
// Chromium, a table of the demo catalog's names then needs about 940 px, so
// it fits the 1008 px that a 1280 px window leaves beside the open sidebar.
// The container still scrolls sideways on a page narrower than that.
const useStyles = makeStyles(theme => ({
  cell: {
    padding: theme.spacing(0.75, 1),
    wordBreak: 'normal',
    overflowWrap: 'normal',
    '& [data-verdict]': { whiteSpace: 'normal' },
  },
}));

/** One column of the fleet table: its header, how a cell shows an entry, and the sort fields it shows. */
interface FleetColumn {
  title: string;
  render: (entry: FleetEntry) => ReactNode;
  sortFields?: FleetSortField[];
}

const columns: FleetColumn[] = [
  {
    title: 'Entity',
    sortFields: ['title', 'entityRef'],
    // Entities without a title in the fleet response get their display name.
    render: entry =>
      entry.title ? (
        <EntityRefLink entityRef={entry.entityRef} defaultKind="component">
          {entry.title}
        </EntityRefLink>
      ) : (
        <EntityNameLink entityRef={entry.entityRef} defaultKind="component" />
      ),
  },
  {
    title: 'Owner',
    sortFields: ['owner'],
    render: entry => entityLink(entry.owner, 'group'),
  },
  {
    title: 'System',
    sortFields: ['system'],
    render: entry => entityLink(entry.system, 'system'),
  },
  {
    title: 'Cluster',
    sortFields: ['cluster'],
    render: entry => (
      <span title={entry.clusterId}>{clusterName(entry.clusterId) ?? '—'}</span>
    ),
  },
  {
    title: 'Overall',
    sortFields: ['verdict'],
    render: entry => <VerdictStatus verdict={entry.verdict} />,
  },
  ...FLOWS.map(
    (flow): FleetColumn => ({
      title: FLOW_LABELS[flow],
      render: entry => (
        <VerdictStatus verdict={entry.flows[flow] ?? 'unknown'} />
      ),
    }),
  ),
  { title: 'Failing checks', render: formatFailing },
  {
    title: 'Assessed',
    sortFields: ['evaluatedAt'],
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
 * pages and sorts, so only the visible rows are ever in the browser. A plain
 * table renders a page change in a fraction of the time the catalog's data
 * table needs, which matters because every page change re-renders all rows.
 */
export function FleetTable(props: {
  entries: FleetEntry[];
  total: number;
  page: number;
  pageSize: number;
  /** The sort field and order of the view whose entries are shown or loading. */
  sort: FleetSortField;
  order: 'asc' | 'desc';
  loading: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const { entries, total, page, pageSize, sort, order, loading } = props;
  const classes = useStyles();

  return (
    <Paper>
      <Toolbar>
        <Typography variant="h6" component="h2">
          Entities
        </Typography>
      </Toolbar>
      {loading && <LinearProgress aria-label="Loading entities" />}
      <TableContainer>
        <Table size="small" aria-busy={loading}>
          <TableHead>
            <TableRow>
              {columns.map(column => (
                // The sort direction gives the sorted column's header its
                // aria-sort, so screen readers announce the order.
                <TableCell
                  key={column.title}
                  className={classes.cell}
                  sortDirection={
                    column.sortFields?.includes(sort) ? order : false
                  }
                >
                  {column.title}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map(entry => (
              <TableRow key={entry.entityRef} hover>
                {columns.map(column => (
                  <TableCell key={column.title} className={classes.cell}>
                    {column.render(entry)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {!loading && entries.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length}>
                  <Typography variant="body2">
                    No assessed entity matches the filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
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
    </Paper>
  );
}
