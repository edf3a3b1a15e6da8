import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { useEntityAssessment } from '../../hooks/useEntityAssessment';
import { useCanRefresh } from '../../hooks/useCanRefresh';
import { missingAnnotations } from '../../annotations';
import { describeError } from '../describeError';
import { AssessmentView } from './AssessmentView';
import { RefreshButton } from './RefreshButton';

/**
 * Renders the "Traffic security" entity tab: the status of the entity's four
 * traffic flows and every check with its evidence and fix.
 *
 * @public
 */
export function EntityTrafficSecurityContent() {
  const { entity } = useEntity();
  const missing = missingAnnotations(entity);
  const state = useEntityAssessment(entity, { enabled: missing.length === 0 });
  const canRefresh = useCanRefresh(entity);

  if (state.loading) {
    return <Progress aria-label="Loading the traffic security assessment" />;
  }

  if (state.error) {
    return (
      <ResponseErrorPanel
        error={state.error}
        title={`Could not load the traffic security assessment: ${describeError(
          state.error,
        )}`}
      />
    );
  }

  if (missing.length > 0) {
    return <MissingAnnotationEmptyState annotation={missing} />;
  }

  const refreshAction = canRefresh ? (
    <RefreshButton
      onRefresh={() => {
        state.refresh();
      }}
      refreshing={state.refreshing}
    />
  ) : undefined;
  const refreshNotice = state.refreshError ? (
    <ResponseErrorPanel
      error={state.refreshError}
      title={`Refresh failed: ${describeError(state.refreshError)}`}
    />
  ) : undefined;

  if (!state.response) {
    return (
      <>
        {refreshNotice}
        <EmptyState
          missing="data"
          title="No assessment yet"
          description="This entity has the required annotations but has not been assessed yet. The scheduled refresh assesses it on its next run."
          action={refreshAction}
        />
      </>
    );
  }

  return (
    <AssessmentView
      entity={entity}
      response={state.response}
      action={refreshAction}
      notice={refreshNotice}
    />
  );
}
