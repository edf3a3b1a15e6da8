/*
 * Runs in the browser, as the first script of every document of the
 * benchmark's context (Playwright's addInitScript). It records, in ms since
 * navigation start (performance.now()):
 *
 * - firstRowVisible: the animation frame callback of the first frame in
 *   which the entity table (the table with a "Cluster" column header) has a
 *   data row with a non-empty box, which is what Playwright calls visible;
 * - clickEvent: the timestamp of the first click event in the page;
 * - secondPageVisible: after that click, the callback of the first frame
 *   whose first data row has another title than the first page's.
 *
 * window.__collectDashboardFigures() returns them with the navigation's and
 * the API requests' Resource Timing entries. It adds the long tasks (over
 * 50 ms) before the first row and between the first row and the click, and
 * the layout shifts between the first row and the click.
 */
(() => {
  const probe = {
    firstRowVisible: undefined,
    firstRowTitle: undefined,
    clickEvent: undefined,
    secondPageVisible: undefined,
    secondPageFirstRowTitle: undefined,
    longTasks: [],
    layoutShifts: [],
  };
  window.__dashboardProbe = probe;

  const record = (type, toRecord, list) => {
    try {
      new PerformanceObserver(entries => {
        for (const entry of entries.getEntries()) {
          list.push(toRecord(entry));
        }
      }).observe({ type, buffered: true });
    } catch {
      // A browser without this entry type leaves the list empty.
    }
  };
  record(
    'longtask',
    entry => ({ startTime: entry.startTime, duration: entry.duration }),
    probe.longTasks,
  );
  record(
    'layout-shift',
    entry => ({ startTime: entry.startTime, value: entry.value }),
    probe.layoutShifts,
  );

  document.addEventListener(
    'click',
    event => {
      if (probe.clickEvent === undefined) {
        probe.clickEvent = event.timeStamp;
      }
    },
    true,
  );

  const firstRowTitle = () => {
    const table = Array.from(document.querySelectorAll('table')).find(
      candidate =>
        Array.from(candidate.querySelectorAll('th')).some(
          header => header.textContent.trim() === 'Cluster',
        ),
    );
    if (!table) {
      return undefined;
    }
    // The message of an empty table is a row with one cell.
    const row = Array.from(table.querySelectorAll('tbody tr')).find(
      candidate => candidate.cells.length > 1,
    );
    if (!row) {
      return undefined;
    }
    const box = row.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      ? row.cells[0].textContent
      : undefined;
  };

  // The time is taken in the callback, just before the frame's style, layout
  // and paint. The callback's argument, the frame's begin time, can lie
  // before a long task that rendered the row.
  const onFrame = () => {
    const now = performance.now();
    const title = firstRowTitle();
    if (title !== undefined && probe.firstRowVisible === undefined) {
      probe.firstRowVisible = now;
      probe.firstRowTitle = title;
    } else if (
      title !== undefined &&
      probe.clickEvent !== undefined &&
      title !== probe.firstRowTitle
    ) {
      probe.secondPageVisible = now;
      probe.secondPageFirstRowTitle = title;
      return;
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  window.__collectDashboardFigures = () => {
    const [navigation] = performance.getEntriesByType('navigation');
    const resources = performance.getEntriesByType('resource');
    const timing = entry => {
      const url = new URL(entry.name);
      return {
        url: url.pathname + url.search,
        startTime: entry.startTime,
        responseStart: entry.responseStart,
        responseEnd: entry.responseEnd,
      };
    };
    const fleetRequests = resources.filter(entry =>
      /\/api\/aks-traffic-security\/fleet\?/.test(entry.name),
    );
    const scripts = resources.filter(entry => entry.initiatorType === 'script');
    const between = (entries, from, to) =>
      entries.filter(entry => entry.startTime >= from && entry.startTime < to);
    const summed = tasks => ({
      count: tasks.length,
      totalMs: tasks.reduce((sum, task) => sum + task.duration, 0),
    });
    const shiftsBeforeClick = between(
      probe.layoutShifts,
      probe.firstRowVisible,
      probe.clickEvent,
    );

    return {
      firstRowVisible: probe.firstRowVisible,
      clickEvent: probe.clickEvent,
      secondPageVisible: probe.secondPageVisible,
      firstRowTitle: probe.firstRowTitle,
      secondPageFirstRowTitle: probe.secondPageFirstRowTitle,
      firstFleetRequest: fleetRequests[0] && timing(fleetRequests[0]),
      secondFleetRequest: fleetRequests[1] && timing(fleetRequests[1]),
      apiRequests: resources
        .filter(
          entry =>
            entry.name.includes('/api/') &&
            entry.responseEnd <= probe.firstRowVisible,
        )
        .map(timing),
      documentResponseEnd: navigation ? navigation.responseEnd : 0,
      domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : 0,
      longTasks: summed(between(probe.longTasks, 0, probe.firstRowVisible)),
      longTasksBeforeClick: summed(
        between(probe.longTasks, probe.firstRowVisible, probe.clickEvent),
      ),
      layoutShiftsBeforeClick: {
        count: shiftsBeforeClick.length,
        last: shiftsBeforeClick.length
          ? shiftsBeforeClick[shiftsBeforeClick.length - 1].startTime
          : undefined,
      },
      script: {
        transferredBytes: scripts.reduce(
          (sum, entry) => sum + entry.transferSize,
          0,
        ),
        decodedBytes: scripts.reduce(
          (sum, entry) => sum + entry.decodedBodySize,
          0,
        ),
        files: scripts.length,
      },
    };
  };
})();
