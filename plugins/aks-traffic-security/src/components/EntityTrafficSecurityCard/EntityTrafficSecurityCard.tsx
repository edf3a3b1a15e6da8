import { EntityAssessmentResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { missingAnnotations } from '../../annotations';
import { FLOW_LABELS, overallVerdict, summariseFlows } from '../../flows';
import { useEntityAssessment } from '../../hooks/useEntityAssessment';
import { TRAFFIC_SECURITY_TAB_PATH } from '../../routes';
import { AssessedTime } from '../AssessedTime';
import { describeError } from '../describeError';
import { VERDICT_LABELS, VerdictStatus } from '../VerdictStatus';

const useStyles = makeStyles(theme => ({
  flows: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    '& li': {
      display: 'flex',
      justifyContent: 'space-between',
      padding: theme.spacing(0.75, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    '& li:last-child': { borderBottom: 'none' },
  },
}));

function failedReadsLabel(count: number): string {
  if (count === 0) {
    return '';
  }
  return count === 1 ? ', 1 read failed' : `, ${count} reads failed`;
}

function FlowList(props: { response: EntityAssessmentResponse }) {
  const classes = useStyles();
  const flows = useMemo(
    () => summariseFlows(props.response.assessment),
    [props.response.assessment],
  );
  const partial = flows.filter(summary => summary.counts.unknown > 0);

  return (
    <>
      <Typography variant="h6" component="p">
        <VerdictStatus
          verdict={overallVerdict(props.response.assessment)}
          label={`Overall: ${
            VERDICT_LABELS[overallVerdict(props.response.assessment)]
          }`}
        />
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Assessed <AssessedTime value={props.response.assessment.evaluatedAt} />
        {props.response.stale ? ' (stale)' : ''}
        {failedReadsLabel(props.response.failedReads.length)}
      </Typography>
      <ul className={classes.flows} aria-label="Traffic flows">
        {flows.map(summary => (
          <li key={summary.flow}>
            <span>{FLOW_LABELS[summary.flow]}</span>
            <VerdictStatus verdict={summary.verdict} />
          </li>
        ))}
      </ul>
      {partial.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Not fully evaluated:{' '}
          {partial.map(summary => FLOW_LABELS[summary.flow]).join(', ')}
        </Typography>
      )}
    </>
  );
}

/**
 * Renders the entity overview card with the status of the four traffic
 * flows at a glance and a link to the "Traffic security" tab.
 *
 * @public
 */
export function EntityTrafficSecurityCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const missing = missingAnnotations(entity);
  const state = useEntityAssessment(entity, { enabled: missing.length === 0 });

  const deepLink = {
    title: 'View traffic security',
    link: `${entityLink(entity)}/${TRAFFIC_SECURITY_TAB_PATH}`,
  };

  let content;
  if (state.loading) {
    content = <Progress aria-label="Loading the traffic security status" />;
  } else if (state.error) {
    content = (
      <ResponseErrorPanel
        error={state.error}
        title={`Could not load the traffic security status: ${describeError(
          state.error,
        )}`}
      />
    );
  } else if (missing.length > 0) {
    content = (
      <Typography variant="body2">
        Add the annotations {missing.join(' and ')} to assess this entity.
      </Typography>
    );
  } else if (!state.response) {
    content = (
      <Typography variant="body2">
        No assessment yet. The scheduled refresh assesses this entity on its
        next run.
      </Typography>
    );
  } else {
    content = <FlowList response={state.response} />;
  }

  return (
    <InfoCard title="Traffic security" variant="gridItem" deepLink={deepLink}>
      {content}
    </InfoCard>
  );
}
