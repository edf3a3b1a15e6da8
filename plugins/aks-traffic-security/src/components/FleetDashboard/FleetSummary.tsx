import { InfoCard } from '@backstage/core-components';
import {
  FLOWS,
  FleetResponse,
  Flow,
  VERDICT_ORDER,
  Verdict,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { FLOW_LABELS } from '../../flows';
import { VERDICT_LABELS, VerdictStatus } from '../VerdictStatus';

function CountCell(props: {
  count: number;
  scope: string;
  verdict: Verdict;
  onSelect: () => void;
}) {
  const { count, scope, verdict, onSelect } = props;
  if (count === 0) {
    return <TableCell align="right">0</TableCell>;
  }

  const noun = count === 1 ? 'entity' : 'entities';
  const verdictName = VERDICT_LABELS[verdict].toLocaleLowerCase('en-US');

  return (
    <TableCell align="right">
      <Link
        component="button"
        variant="body2"
        onClick={onSelect}
        aria-label={`Show the ${count} ${noun} with ${scope} ${verdictName}`}
      >
        {count}
      </Link>
    </TableCell>
  );
}

/**
 * Renders the number of matching entities per verdict, overall and per
 * flow. Each non-zero count filters the fleet table to its entities.
 */
export function FleetSummary(props: {
  response: Pick<FleetResponse, 'verdictCounts' | 'flowCounts' | 'total'>;
  onSelect: (selection: { flow?: Flow; verdict: Verdict }) => void;
}) {
  const { response, onSelect } = props;
  const rows: { flow?: Flow; label: string; counts: VerdictCounts }[] = [
    { label: 'Overall', counts: response.verdictCounts },
    ...FLOWS.map(flow => ({
      flow,
      label: FLOW_LABELS[flow],
      counts: response.flowCounts[flow],
    })),
  ];

  return (
    <InfoCard
      title="Entities per flow and verdict"
      subheader={`${response.total} matching ${
        response.total === 1 ? 'entity' : 'entities'
      }`}
    >
      <Table size="small" aria-label="Entities per flow and verdict">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Flow
            </TableCell>
            {VERDICT_ORDER.map(verdict => (
              <TableCell key={verdict} align="right" component="th" scope="col">
                <VerdictStatus verdict={verdict} />
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.label}>
              <TableCell
                component="th"
                scope="row"
                style={{ whiteSpace: 'nowrap' }}
              >
                {row.label}
              </TableCell>
              {VERDICT_ORDER.map(verdict => (
                <CountCell
                  key={verdict}
                  count={row.counts?.[verdict] ?? 0}
                  scope={row.flow ? `${row.label} flow` : 'overall verdict'}
                  verdict={verdict}
                  onSelect={() => onSelect({ flow: row.flow, verdict })}
                />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
