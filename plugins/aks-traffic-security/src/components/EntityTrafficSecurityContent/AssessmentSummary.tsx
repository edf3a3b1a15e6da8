import {
  EntityAssessmentResponse,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import { overallVerdict } from '../../flows';
import { AssessedTime } from '../AssessedTime';
import { VerdictStatus } from '../VerdictStatus';

const OVERALL_LABELS: Record<Verdict, string> = {
  pass: 'Secure: every check passed',
  warn: 'Passed with warnings',
  fail: 'Failing checks',
  unknown: 'Not fully evaluated',
  'not-applicable': 'No applicable checks',
};

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * Renders the overall status, when and from which source it was assessed, and a
 * warning when the assessment is stale.
 */
export function AssessmentSummary(props: {
  response: EntityAssessmentResponse;
  action?: ReactNode;
}) {
  const { response, action } = props;
  const classes = useStyles();
  const verdict = overallVerdict(response.assessment);

  return (
    <>
      <div className={classes.header}>
        <div>
          <Typography variant="h5" component="h2">
            <VerdictStatus verdict={verdict} label={OVERALL_LABELS[verdict]} />
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Assessed <AssessedTime value={response.assessment.evaluatedAt} />{' '}
            from the {response.source} source.
          </Typography>
        </div>
        {action}
      </div>
      {response.stale && (
        <Alert severity="warning" role="status">
          Stale: the latest refresh failed, so this is the last good assessment.
          {response.staleReason ? ` Reason: ${response.staleReason}` : ''}
        </Alert>
      )}
    </>
  );
}
