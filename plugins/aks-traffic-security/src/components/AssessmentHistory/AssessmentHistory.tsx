import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AssessmentChanges,
  AssessmentHistoryEntry,
  CheckChange,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { aksTrafficSecurityApiRef } from '../../api';
import { AssessedTime } from '../AssessedTime';
import { describeError } from '../describeError';
import { VerdictStatus } from '../VerdictStatus';

/** The maximum number of assessments the card lists. */
const HISTORY_LIMIT = 10;

function ChangedVerdict(props: { change: CheckChange }) {
  const { change } = props;

  return (
    <>
      {change.from ? <VerdictStatus verdict={change.from} /> : 'not run'}
      {' → '}
      {change.to ? <VerdictStatus verdict={change.to} /> : 'no longer run'}
    </>
  );
}

function ChangesList(props: { changes?: AssessmentChanges }) {
  const { changes } = props;

  if (!changes) {
    return (
      <Typography variant="body2" color="textSecondary">
        No earlier assessment is kept to compare with.
      </Typography>
    );
  }
  if (changes.checks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No check changed its verdict since the previous assessment.
      </Typography>
    );
  }

  return (
    <ul aria-label="Changed checks">
      {changes.checks.map(change => (
        <li key={change.checkId}>
          <Typography variant="body2" component="span">
            <code>{change.checkId}</code>
            {change.title ? ` (${change.title})` : ''}:{' '}
            <ChangedVerdict change={change} />
          </Typography>
        </li>
      ))}
    </ul>
  );
}

function HistoryTable(props: { items: AssessmentHistoryEntry[] }) {
  return (
    <Table size="small" aria-label="Verdict changes">
      <TableHead>
        <TableRow>
          <TableCell>Changed</TableCell>
          <TableCell>Verdict</TableCell>
          <TableCell align="right">Failing</TableCell>
          <TableCell align="right">Unknown</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <TableRow key={item.evaluatedAt}>
            <TableCell>
              <AssessedTime value={item.evaluatedAt} />
            </TableCell>
            <TableCell>
              <VerdictStatus verdict={item.verdict} />
            </TableCell>
            <TableCell align="right">{item.counts.fail}</TableCell>
            <TableCell align="right">{item.counts.unknown}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Renders the entity's latest assessments, newest first, and the checks whose
 * verdict changed in the newest one.
 */
export function AssessmentHistory(props: {
  entity: Entity;
  /** The time of the assessment the tab shows; a new value reloads the history. */
  evaluatedAt?: string;
}) {
  const { entity, evaluatedAt } = props;
  const api = useApi(aksTrafficSecurityApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const { kind, namespace, name } = entityRef;

  const state = useAsync(
    () =>
      api.getEntityHistory({ kind, namespace, name }, { limit: HISTORY_LIMIT }),
    [api, kind, namespace, name, evaluatedAt],
  );

  let content;
  if (state.loading) {
    content = <Progress aria-label="Loading the assessment history" />;
  } else if (state.error) {
    content = (
      <ResponseErrorPanel
        error={state.error}
        title={`Could not load the assessment history: ${describeError(
          state.error,
        )}`}
      />
    );
  } else if (!state.value || state.value.items.length === 0) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No assessments are recorded for this entity yet.
      </Typography>
    );
  } else {
    const [newest] = state.value.items;
    content = (
      <>
        <Typography variant="body2" color="textSecondary" paragraph>
          Each row is an assessment whose verdicts differ from the one before
          it; a refresh that changes no verdict adds no row.
        </Typography>
        <HistoryTable items={state.value.items} />
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Changes since the previous assessment
          </Typography>
        </Box>
        <ChangesList changes={newest.changes} />
      </>
    );
  }

  return <InfoCard title="History">{content}</InfoCard>;
}
