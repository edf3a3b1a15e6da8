import { InfoCard } from '@backstage/core-components';
import {
  VERDICT_ORDER,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { FLOW_DESCRIPTIONS, FLOW_LABELS, FlowSummary } from '../../flows';
import { VERDICT_LABELS, VerdictStatus } from '../VerdictStatus';

/** Describes the non-zero counts, worst verdict first: "1 fail, 3 pass". */
export function formatCounts(counts: VerdictCounts): string {
  const parts = VERDICT_ORDER.filter(verdict => counts[verdict] > 0).map(
    verdict =>
      `${counts[verdict]} ${VERDICT_LABELS[verdict].toLocaleLowerCase(
        'en-US',
      )}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'No checks';
}

/** Renders one card per traffic flow with its status and verdict counts. */
export function FlowCards(props: {
  flows: FlowSummary[];
  onShowChecks?: (summary: FlowSummary) => void;
}) {
  const { flows, onShowChecks } = props;

  return (
    <Grid container spacing={2}>
      {flows.map(summary => (
        <Grid
          item
          xs={12}
          sm={6}
          lg={3}
          key={summary.flow}
          component="section"
          aria-label={`${FLOW_LABELS[summary.flow]} flow`}
        >
          <InfoCard
            variant="gridItem"
            title={FLOW_LABELS[summary.flow]}
            subheader={FLOW_DESCRIPTIONS[summary.flow]}
          >
            <Typography variant="h6" component="p">
              <VerdictStatus verdict={summary.verdict} />
            </Typography>
            <Typography variant="body2" color="textSecondary" paragraph>
              {formatCounts(summary.counts)}
            </Typography>
            {onShowChecks && summary.checks.length > 0 && (
              <Button
                size="small"
                color="primary"
                onClick={() => onShowChecks(summary)}
              >
                Show {FLOW_LABELS[summary.flow]} checks
              </Button>
            )}
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}
