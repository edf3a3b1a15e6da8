import path from 'path';
import type { BrowserContext, Page } from 'playwright-core';

/** The path of the fleet dashboard page in the app. */
export const DASHBOARD_PATH = '/aks-traffic-security';

/** One request as the browser's Resource Timing API recorded it, in ms since navigation start. */
export interface RequestTiming {
  url: string;
  startTime: number;
  responseStart: number;
  responseEnd: number;
}

/** The figures of one load of the dashboard, in ms since navigation start unless named otherwise. */
export interface DashboardLoad {
  /** The animation frame callback of the first frame in which a row of the entity table was laid out. */
  firstRowVisible: number;
  /** The timestamp of the click on "Next page" that the benchmark sent once the first row was visible. */
  clickEvent: number;
  /** The animation frame callback of the first frame that showed the second page's first row. */
  secondPageVisible: number;
  /** The first page's `GET /fleet` request, as the page sent it. */
  firstFleetRequest: RequestTiming;
  /** The second page's `GET /fleet` request, after the click. */
  secondFleetRequest?: RequestTiming;
  /** The other API requests that ended before the first row was visible. */
  apiRequests: RequestTiming[];
  /** The end of the HTML document's response. */
  documentResponseEnd: number;
  /** The navigation's DOMContentLoaded event end. */
  domContentLoaded: number;
  /** Main-thread tasks over 50 ms before the first row was visible: count and summed duration. */
  longTasks: { count: number; totalMs: number };
  /** Main-thread tasks over 50 ms from the first row until the click event. */
  longTasksBeforeClick: { count: number; totalMs: number };
  /** Layout shifts from the first row until the click event, and the start of the last one. */
  layoutShiftsBeforeClick: { count: number; last?: number };
  /** Bytes of JavaScript the page transferred (0 for responses from the HTTP cache) and decoded. */
  script: { transferredBytes: number; decodedBytes: number; files: number };
  firstRowTitle: string;
  secondPageFirstRowTitle: string;
}

/** A load that ended because a fleet request failed. */
export class DashboardLoadError extends Error {}

/** Signs in as the guest from the landing page, as the e2e tests do. */
export async function signInAsGuest(page: Page, baseUrl: string) {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: /enter/i }).click();
  await page
    .getByRole('link', { name: 'Catalog' })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/** Adds pageProbe.js to every document the context opens from now on. */
export async function addProbe(context: BrowserContext) {
  await context.addInitScript({ path: path.join(__dirname, 'pageProbe.js') });
}

/**
 * Opens the dashboard in a new page of the signed-in context, clicks
 * "Next page" as soon as the first row is visible, and waits until the
 * second page shows. With `tracePath`, Chromium writes a performance trace
 * of the load there.
 */
export async function measureDashboardLoad(options: {
  context: BrowserContext;
  baseUrl: string;
  timeoutMs: number;
  tracePath?: string;
}): Promise<DashboardLoad> {
  const { context, baseUrl, timeoutMs, tracePath } = options;
  const page = await context.newPage();
  const browser = context.browser();

  // A failed fleet request shows an error panel in place of the table, so
  // the load ends at once with the response instead of at the timeout.
  let rejectOnFailure: (error: Error) => void = () => {};
  const fleetFailure = new Promise<never>((_, reject) => {
    rejectOnFailure = reject;
  });
  fleetFailure.catch(() => {});
  page.on('response', response => {
    if (
      /\/api\/aks-traffic-security\/fleet\?/.test(response.url()) &&
      response.status() >= 400
    ) {
      void response
        .text()
        .catch(() => '')
        .then(body =>
          rejectOnFailure(
            new DashboardLoadError(
              `GET ${
                new URL(response.url()).pathname
              } returned ${response.status()}: ${body.slice(0, 300)}`,
            ),
          ),
        );
    }
  });
  const untilFailure = <T>(waiting: Promise<T>) =>
    Promise.race([waiting, fleetFailure]);

  try {
    if (tracePath && browser) {
      await browser.startTracing(page, { path: tracePath, screenshots: true });
    }
    await page.goto(`${baseUrl}${DASHBOARD_PATH}`, { waitUntil: 'commit' });
    // Expressions as strings run in the page as written, untranspiled.
    await untilFailure(
      page.waitForFunction(
        'window.__dashboardProbe?.firstRowVisible !== undefined',
        undefined,
        { polling: 'raf', timeout: timeoutMs },
      ),
    );
    await untilFailure(page.getByRole('button', { name: 'Next page' }).click());
    await untilFailure(
      page.waitForFunction(
        'window.__dashboardProbe?.secondPageVisible !== undefined',
        undefined,
        { polling: 'raf', timeout: timeoutMs },
      ),
    );

    const figures = (await page.evaluate(
      'window.__collectDashboardFigures()',
    )) as DashboardLoad;
    if (!figures.firstFleetRequest) {
      throw new Error(
        'The page showed the entity table without a GET /fleet request in its Resource Timing entries',
      );
    }
    return figures;
  } finally {
    if (tracePath && browser) {
      await browser.stopTracing().catch(() => undefined);
    }
    await page.close();
  }
}
