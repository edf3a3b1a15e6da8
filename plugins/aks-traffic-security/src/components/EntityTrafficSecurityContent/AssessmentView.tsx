import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { EntityAssessmentResponse } from '@aks-traffic-security/plugin-aks-traffic-security-common';
import Grid from '@material-ui/core/Grid';
import { ReactNode, useMemo, useState } from 'react';
import { summariseFlows } from '../../flows';
import { AssessmentHistory } from '../AssessmentHistory';
import { IngressChain } from '../IngressChain';
import { AssessmentSummary } from './AssessmentSummary';
import { ChecksFilter } from './ChecksFilterBar';
import { ChecksTable } from './ChecksTable';
import { FailedReadsNotice } from './FailedReadsNotice';
import { FlowCards } from './FlowCards';
import { PartialAssessmentNotice } from './PartialAssessmentNotice';

/**
 * Renders the loaded assessment: summary, failed reads and partial-data
 * notices, flow cards, ingress chain, checks and the assessment history.
 */
export function AssessmentView(props: {
  entity: Entity;
  response: EntityAssessmentResponse;
  action?: ReactNode;
  notice?: ReactNode;
}) {
  const { entity, response, action, notice } = props;
  const [filter, setFilter] = useState<ChecksFilter>({});
  const flows = useMemo(
    () => summariseFlows(response.assessment),
    [response.assessment],
  );
  // An empty grid item would still add its spacing above the flow cards.
  const partial = flows.some(summary => summary.counts.unknown > 0);

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <AssessmentSummary response={response} action={action} />
      </Grid>
      {notice && <Grid item>{notice}</Grid>}
      {response.failedReads.length > 0 && (
        <Grid item>
          <FailedReadsNotice
            failedReads={response.failedReads}
            lastComplete={response.lastComplete}
          />
        </Grid>
      )}
      {partial && (
        <Grid item>
          <PartialAssessmentNotice flows={flows} />
        </Grid>
      )}
      <Grid item>
        <FlowCards
          flows={flows}
          onShowChecks={summary => setFilter({ flow: summary.flow })}
        />
      </Grid>
      <Grid item>
        <InfoCard title="Ingress chain">
          <IngressChain entity={entity} checks={response.assessment.checks} />
        </InfoCard>
      </Grid>
      <Grid item>
        <ChecksTable
          checks={response.assessment.checks}
          filter={filter}
          onFilterChange={setFilter}
        />
      </Grid>
      <Grid item>
        <AssessmentHistory
          entity={entity}
          evaluatedAt={response.assessment.evaluatedAt}
        />
      </Grid>
    </Grid>
  );
}
