import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  Verdict,
  toVerdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { makeStyles } from '@material-ui/core/styles';
import { ComponentType, PropsWithChildren } from 'react';

/** Display labels of the verdicts. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};

// `unknown` gets the pending icon so that data that could not be evaluated
// never looks like a pass, and stays apart from `not-applicable`.
const VERDICT_ICONS: Record<Verdict, ComponentType<PropsWithChildren<{}>>> = {
  pass: StatusOK,
  warn: StatusWarning,
  fail: StatusError,
  unknown: StatusPending,
  'not-applicable': StatusAborted,
};

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'baseline',
    whiteSpace: 'nowrap',
  },
});

/**
 * Renders a verdict as a status icon and its label. The icon is hidden from screen
 * readers, which read the label. A value that is not a verdict renders as `unknown`.
 */
export function VerdictStatus(props: { verdict: Verdict; label?: string }) {
  const { label } = props;
  const verdict = toVerdict(props.verdict);
  const classes = useStyles();
  const Icon = VERDICT_ICONS[verdict];

  return (
    <span className={classes.root} data-verdict={verdict}>
      <Icon />
      <span>{label ?? VERDICT_LABELS[verdict]}</span>
    </span>
  );
}
