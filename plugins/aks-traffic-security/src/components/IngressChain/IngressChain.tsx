import { Entity } from '@backstage/catalog-model';
import {
  CheckResult,
  Verdict,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { Fragment, useMemo } from 'react';
import { VERDICT_LABELS, VerdictStatus } from '../VerdictStatus';
import { IngressHop, ingressHops } from './ingressHops';

function borderColor(theme: Theme, verdict: Verdict | undefined): string {
  switch (verdict) {
    case 'fail':
      return theme.palette.error.main;
    case 'warn':
      return theme.palette.warning.main;
    case 'pass':
      return theme.palette.success.main;
    // `unknown` gets its own colour so that it never reads as secure.
    case 'unknown':
      return theme.palette.info.main;
    default:
      return theme.palette.divider;
  }
}

const useStyles = makeStyles(theme => ({
  chain: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'stretch',
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  hop: {
    minWidth: 160,
    maxWidth: 260,
    padding: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    borderStyle: 'solid',
    borderWidth: 2,
    borderColor: theme.palette.divider,
    overflowWrap: 'anywhere',
  },
  fail: {
    borderWidth: 3,
    borderColor: borderColor(theme, 'fail'),
  },
  warn: { borderColor: borderColor(theme, 'warn') },
  pass: { borderColor: borderColor(theme, 'pass') },
  unknown: {
    borderColor: borderColor(theme, 'unknown'),
    borderStyle: 'dashed',
  },
  arrow: {
    display: 'flex',
    alignItems: 'center',
    padding: theme.spacing(0, 1),
    color: theme.palette.text.secondary,
  },
}));

function hopName(hop: IngressHop): string {
  if (!hop.verdict) {
    return hop.label;
  }
  return `${hop.label}: ${VERDICT_LABELS[hop.verdict].toLocaleLowerCase(
    'en-US',
  )}`;
}

function HopBox(props: { hop: IngressHop }) {
  const { hop } = props;
  const classes = useStyles();
  const verdictClass =
    hop.verdict && hop.verdict !== 'not-applicable'
      ? classes[hop.verdict]
      : undefined;

  return (
    <Box
      component="li"
      className={[classes.hop, verdictClass].filter(Boolean).join(' ')}
      aria-label={hopName(hop)}
      data-verdict={hop.verdict}
    >
      <Typography variant="subtitle2" component="p">
        {hop.label}
      </Typography>
      {hop.verdict && (
        <Typography variant="body2" component="p">
          <VerdictStatus verdict={hop.verdict} />
        </Typography>
      )}
      {hop.verdict && hop.checks.length === 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          No check judged this hop.
        </Typography>
      )}
      {hop.wafVerdict && (
        <Typography variant="body2" component="p">
          WAF:{' '}
          <VerdictStatus verdict={hop.wafVerdict} />
        </Typography>
      )}
      {hop.hostNames.length > 0 && (
        <Typography variant="body2" color="textSecondary" component="p">
          Host: {hop.hostNames.join(', ')}
        </Typography>
      )}
      {hop.certificateSource && (
        <Typography variant="body2" color="textSecondary" component="p">
          Certificate: {hop.certificateSource}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Draws the ingress path hop by hop, from the client through the Application
 * Gateway and its WAF, the internal load balancer and the ingress controller
 * to the pod, each with the worst verdict of the checks that judge it.
 */
export function IngressChain(props: { entity: Entity; checks: CheckResult[] }) {
  const { entity, checks } = props;
  const classes = useStyles();
  const hops = useMemo(() => ingressHops(entity, checks), [entity, checks]);

  return (
    <Box component="ol" className={classes.chain} aria-label="Ingress hops">
      {hops.map((hop, index) => (
        <Fragment key={hop.id}>
          {index > 0 && (
            <Box component="li" className={classes.arrow} aria-hidden="true">
              →
            </Box>
          )}
          <HopBox hop={hop} />
        </Fragment>
      ))}
    </Box>
  );
}
