import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { describeError } from '../describeError';
import { ExportButtons } from './ExportButtons';
import { FleetFilterValues } from './fleetDefaults';
import { DEFAULT_FLEET_VIEW, toFleetSearchParams } from './fleetSearchParams';
import { FleetFilters } from './FleetFilters';
import { FleetSummary } from './FleetSummary';
import { FleetTable } from './FleetTable';
import { FleetTrend } from './FleetTrend';
import { TakePrefetchedPages } from './fleetPageCache';
import { toFleetQuery } from './toFleetQuery';
import { useFleetCounts } from './useFleetCounts';
import { useFleetPage } from './useFleetPage';
import { useFleetViewSearchParams } from './useFleetViewSearchParams';

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

/** Returns a key that is equal for filter values with the same meaning. */
function filtersKey(filters: FleetFilterValues): string {
  return toFleetSearchParams({ ...DEFAULT_FLEET_VIEW, filters }).toString();
}

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
  const { view, writeView } = useFleetViewSearchParams();
  // The typed filter values, ahead of the URL until typing pauses.
  const [filters, setFilters] = useState(view.filters);
  const { page, pageSize } = view;

  // Adopts the URL's filters when another navigation changed them, such as
  // Back or a link with other filters. A page change or the dashboard's own
  // write leaves the typed values alone.
  const urlFiltersKey = filtersKey(view.filters);
  const [adoptedKey, setAdoptedKey] = useState(urlFiltersKey);
  if (adoptedKey !== urlFiltersKey) {
    setAdoptedKey(urlFiltersKey);
    if (filtersKey(filters) !== urlFiltersKey) {
      setFilters(view.filters);
    }
  }

  // The callbacks read the latest values through refs, so that they keep
  // their identity and the memoized children skip a page change's renders.
  const latestView = useRef(view);
  latestView.current = view;
  const latestFilters = useRef(filters);
  latestFilters.current = filters;

  // Only changed filters go back to the first page. Unchanged ones, as after
  // opening a link to a later page, keep the page.
  useDebounce(
    () => {
      if (filtersKey(filters) !== filtersKey(latestView.current.filters)) {
        writeView({ ...latestView.current, filters, page: 0 });
      }
    },
    FILTER_DEBOUNCE_MS,
    [filters],
  );

  const query = useMemo(() => toFleetQuery(view.filters), [view.filters]);
  const fleet = useFleetPage(
    query,
    { offset: page * pageSize, limit: pageSize },
    { takePrefetchedPages: props.takePrefetchedPages },
  );
  const counts = useFleetCounts(fleet.response);

  const selectSummaryCell = useCallback(
    (selection: Pick<FleetFilterValues, 'flow' | 'verdict'>) => {
      const values = { ...latestFilters.current, ...selection };
      setFilters(values);
      writeView({ ...latestView.current, filters: values, page: 0 });
    },
    [writeView],
  );
  const changePage = useCallback(
    (newPage: number) => writeView({ ...latestView.current, page: newPage }),
    [writeView],
  );
  const changePageSize = useCallback(
    (size: number) =>
      writeView({ ...latestView.current, pageSize: size, page: 0 }),
    [writeView],
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
            sort={view.filters.sort}
            order={view.filters.order}
            loading={fleet.loading}
            onPageChange={changePage}
            onPageSizeChange={changePageSize}
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
        <MemoizedFleetFilters values={filters} onChange={setFilters} />
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
