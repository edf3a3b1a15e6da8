import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { FleetQuery, aksTrafficSecurityApiRef } from '../../api';
import { describeError } from '../describeError';
import { TrendChart } from './TrendChart';

/** The number of days the trend covers. */
export const TREND_DAYS = 30;

/** Renders the failing checks of the matching fleet over the last 30 days. */
export function FleetTrend(props: { query: FleetQuery }) {
  const api = useApi(aksTrafficSecurityApiRef);
  const queryKey = JSON.stringify(props.query);
  const { value, loading, error } = useAsync(
    () => api.getFleetTrend({ ...props.query, days: TREND_DAYS }),
    // The query object is rebuilt on every render; its content is the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey],
  );

  let content;
  if (loading) {
    content = <Progress aria-label="Loading the fleet trend" />;
  } else if (error) {
    content = (
      <ResponseErrorPanel
        error={error}
        title={`Could not load the fleet trend: ${describeError(error)}`}
      />
    );
  } else if (!value) {
    content = (
      <Typography variant="body2">
        The backend does not provide a fleet trend, so no trend is shown.
      </Typography>
    );
  } else if (value.points.length === 0) {
    content = (
      <Typography variant="body2">
        No assessment history in the last {TREND_DAYS} days.
      </Typography>
    );
  } else {
    content = <TrendChart points={value.points} />;
  }

  return (
    <InfoCard
      title="Failing checks"
      subheader={`Last ${TREND_DAYS} days, for the entities that match the filters`}
    >
      {content}
    </InfoCard>
  );
}
