import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { memo, useCallback, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { describeError } from '../describeError';
import { ExportButtons } from './ExportButtons';
import {
  DEFAULT_FLEET_FILTERS,
  FleetFilterValues,
  PAGE_SIZES,
} from './fleetDefaults';
import { FleetFilters } from './FleetFilters';
import { FleetSummary } from './FleetSummary';
import { FleetTable } from './FleetTable';
import { FleetTrend } from './FleetTrend';
import { TakePrefetchedPages } from './fleetPageCache';
import { toFleetQuery } from './toFleetQuery';
import { useFleetCounts } from './useFleetCounts';
import { useFleetPage } from './useFleetPage';

/** How long typing in a text filter pauses before the fleet is requested again. */
const FILTER_DEBOUNCE_MS = 400;

// A page change renders the dashboard once when the page is in memory, and
// otherwise twice: with the loading table, then with the new rows. Memoized,
// the filters, the export buttons, the trend and the summary skip these
// renders, because their props stay the same while the counts do.
const MemoizedFleetFilters = memo(FleetFilters);
const MemoizedExportButtons = memo(ExportButtons);
const MemoizedFleetSummary = memo(FleetSummary);
const MemoizedFleetTrend = memo(FleetTrend);

/**
 * Renders the fleet dashboard: entity counts per flow and verdict, the
 * failing-check trend, the filterable and paged entity table, and the
 * CSV and JSON export.
 *
 * @public
 */
export function FleetDashboardContent(props: {
  /** Returns the cache to start with, which contains pages requested earlier. */
  takePrefetchedPages?: TakePrefetchedPages;
}) {
  const [filters, setFilters] = useState<FleetFilterValues>(
    DEFAULT_FLEET_FILTERS,
  );
  const [appliedFilters, setAppliedFilters] = useState(filters);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);

  useDebounce(() => setAppliedFilters(filters), FILTER_DEBOUNCE_MS, [filters]);

  const query = useMemo(() => toFleetQuery(appliedFilters), [appliedFilters]);
  const fleet = useFleetPage(
    query,
    { offset: page * pageSize, limit: pageSize },
    { takePrefetchedPages: props.takePrefetchedPages },
  );
  const counts = useFleetCounts(fleet.response);

  const changeFilters = useCallback((values: FleetFilterValues) => {
    setFilters(values);
    setPage(0);
  }, []);
  const selectSummaryCell = useCallback(
    (selection: Pick<FleetFilterValues, 'flow' | 'verdict'>) => {
      const values = { ...filters, ...selection };
      setFilters(values);
      setAppliedFilters(values);
      setPage(0);
    },
    [filters],
  );

  let body;
  if (fleet.error) {
    body = (
      <ResponseErrorPanel
        error={fleet.error}
        title={`Could not load the fleet: ${describeError(fleet.error)}`}
      />
    );
  } else if (!fleet.response || !counts) {
    body = <Progress aria-label="Loading the fleet" />;
  } else {
    body = (
      <Grid container spacing={3}>
        {/* The summary's six columns need the full width below the xl breakpoint. */}
        <Grid item xs={12} xl={7}>
          <MemoizedFleetSummary
            response={counts}
            onSelect={selectSummaryCell}
          />
        </Grid>
        <Grid item xs={12} xl={5}>
          <MemoizedFleetTrend query={query} />
        </Grid>
        <Grid item xs={12}>
          <FleetTable
            entries={fleet.response.items}
            total={fleet.response.total}
            page={page}
            pageSize={pageSize}
            loading={fleet.loading}
            onPageChange={setPage}
            onPageSizeChange={size => {
              setPageSize(size);
              setPage(0);
            }}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    // Full-width items in a row container, because items of a column
    // container grow to the entity table's width and overflow the page.
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <MemoizedFleetFilters values={filters} onChange={changeFilters} />
      </Grid>
      <Grid item xs={12}>
        <MemoizedExportButtons query={query} />
      </Grid>
      <Grid item xs={12}>
        {body}
      </Grid>
    </Grid>
  );
}
