import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { FLOW_LABELS, FlowSummary } from '../../flows';

function joinNames(names: string[]): string {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Explains which flows were not fully evaluated because some of their
 * checks returned `unknown`. Renders nothing when every check was evaluated.
 */
export function PartialAssessmentNotice(props: { flows: FlowSummary[] }) {
  const partial = props.flows.filter(summary => summary.counts.unknown > 0);
  if (partial.length === 0) {
    return null;
  }

  const unknownChecks = partial.reduce(
    (total, summary) => total + summary.counts.unknown,
    0,
  );
  const names = partial.map(summary => FLOW_LABELS[summary.flow]);

  return (
    <Alert severity="warning" role="status">
      <AlertTitle>Not fully evaluated: {joinNames(names)}</AlertTitle>
      {unknownChecks === 1 ? '1 check' : `${unknownChecks} checks`} returned
      unknown because the data they need was missing, unreadable or not
      resolved. {partial.length === 1 ? 'This flow is' : 'These flows are'} not
      shown as secure until every check in{' '}
      {partial.length === 1 ? 'it' : 'them'} has been evaluated.
    </Alert>
  );
}
