import { Link } from '@backstage/core-components';
import {
  CheckResult,
  Evidence,
  JsonValue,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { TextWithCode } from './TextWithCode';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2, 3),
    backgroundColor: theme.palette.background.default,
  },
  evidence: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(0, 0, 2),
    '& dt': { fontWeight: theme.typography.fontWeightMedium },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  value: {
    whiteSpace: 'pre-wrap',
    fontFamily: 'monospace',
  },
}));

function formatValue(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function EvidenceItem(props: { evidence: Evidence; position: number }) {
  const { evidence, position } = props;
  const classes = useStyles();

  return (
    <dl className={classes.evidence} aria-label={`Evidence ${position}`}>
      {evidence.resource && (
        <>
          <dt>Resource</dt>
          <dd className={classes.value}>{evidence.resource}</dd>
        </>
      )}
      {evidence.path && (
        <>
          <dt>Property path</dt>
          <dd className={classes.value}>{evidence.path}</dd>
        </>
      )}
      {(evidence.observed !== undefined || evidence.path) && (
        <>
          <dt>Observed</dt>
          <dd className={classes.value}>
            {evidence.observed === undefined
              ? '(not set)'
              : formatValue(evidence.observed)}
          </dd>
        </>
      )}
      {evidence.expected !== undefined && (
        <>
          <dt>Expected</dt>
          <dd className={classes.value}>{formatValue(evidence.expected)}</dd>
        </>
      )}
      {evidence.elements && evidence.elements.length > 0 && (
        <>
          <dt>Offending elements</dt>
          <dd className={classes.value}>{evidence.elements.join(', ')}</dd>
        </>
      )}
      {evidence.note && (
        <>
          <dt>Note</dt>
          <dd>{evidence.note}</dd>
        </>
      )}
    </dl>
  );
}

/** Renders the evidence, fix and documentation link of one check. */
export function CheckDetails(props: { check: CheckResult; id: string }) {
  const { check, id } = props;
  const classes = useStyles();
  const documentationHost = safeHost(check.documentationUrl);

  return (
    <Box
      id={id}
      className={classes.root}
      role="region"
      aria-label={`Details of ${check.checkId}`}
    >
      <Typography variant="body2" paragraph>
        <TextWithCode text={check.message} />
      </Typography>

      <Typography variant="subtitle2" component="h4">
        Evidence
      </Typography>
      {check.evidence.length === 0 ? (
        <Typography variant="body2" paragraph>
          The check recorded no evidence.
        </Typography>
      ) : (
        check.evidence.map((evidence, index) => (
          <EvidenceItem key={index} evidence={evidence} position={index + 1} />
        ))
      )}

      <Typography variant="subtitle2" component="h4">
        Fix
      </Typography>
      <Typography variant="body2" paragraph>
        <TextWithCode text={check.remediation} />
      </Typography>

      {check.documentationUrl && (
        <Link to={check.documentationUrl}>
          Documentation{documentationHost ? ` (${documentationHost})` : ''}
        </Link>
      )}
    </Box>
  );
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
