import {
  FLOWS,
  LastCompleteAssessment,
  ReadFailure,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { FLOW_LABELS } from '../../flows';
import { AssessedTime } from '../AssessedTime';
import { VERDICT_LABELS } from '../VerdictStatus';

/** The failed reads listed by name; the rest are counted. */
const LISTED_READS = 5;

/** Returns the last segment of an ARM id, or a `kubernetes:<Kind>` target as it is. */
function targetName(target: string): string {
  return target.split('/').filter(Boolean).pop() ?? target;
}

function LastComplete(props: { lastComplete?: LastCompleteAssessment }) {
  const { lastComplete } = props;
  if (!lastComplete) {
    return <>No assessment with every read successful is on record.</>;
  }

  const flows = FLOWS.map(
    flow =>
      `${FLOW_LABELS[flow]} ${VERDICT_LABELS[
        lastComplete.flows[flow]
      ].toLowerCase()}`,
  ).join(', ');
  return (
    <>
      The last assessment with every read successful was made{' '}
      <AssessedTime value={lastComplete.evaluatedAt} /> and is now stale:
      overall {VERDICT_LABELS[lastComplete.verdict].toLowerCase()} ({flows}).
    </>
  );
}

/**
 * Names the reads of the latest refresh that failed, whose checks are
 * therefore `unknown`, and summarises the last complete assessment, marked
 * stale. Renders nothing when every read succeeded.
 */
export function FailedReadsNotice(props: {
  failedReads: ReadFailure[];
  lastComplete?: LastCompleteAssessment;
}) {
  const { failedReads, lastComplete } = props;
  if (failedReads.length === 0) {
    return null;
  }

  const listed = failedReads.slice(0, LISTED_READS);
  const more = failedReads.length - listed.length;
  return (
    <Alert severity="warning" role="status">
      <AlertTitle>
        {failedReads.length === 1
          ? '1 read failed'
          : `${failedReads.length} reads failed`}{' '}
        in the latest refresh
      </AlertTitle>
      <ul>
        {listed.map(read => (
          <li key={`${read.target} ${read.reason}`}>
            <code>{targetName(read.target)}</code> ({read.reason}):{' '}
            {read.message}
          </li>
        ))}
        {more > 0 && <li>and {more} more</li>}
      </ul>
      The checks that need them are unknown.{' '}
      <LastComplete lastComplete={lastComplete} />
    </Alert>
  );
}
