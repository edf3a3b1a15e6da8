import { defineConfig } from '@playwright/test';

const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:7007';
const restrictedBaseURL =
  process.env.E2E_RESTRICTED_BASE_URL ?? 'http://localhost:7008';

/**
 * Runs the end-to-end tests in Debian's Chromium against the app as
 * production runs it: the built frontend served by the bundled backend.
 * `scripts/e2e.sh` builds and starts two backends before calling Playwright,
 * one per project.
 */
export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  retries: 0,
  workers: 1,
  outputDir: 'test-results',
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
  ],
  use: {
    viewport: { width: 1280, height: 800 },
    // Every test saves a screenshot; a failing one also gets the page's
    // accessibility tree in error-context.md and a trace.
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Chromium's background connections are refused on a closed network,
      // and the sandbox needs a non-root user.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      // The demo configuration, in which everyone may read every status.
      name: 'default',
      testIgnore: 'restricted/**',
      use: { baseURL },
    },
    {
      // e2e/app-config.e2e-restricted.yaml: the guest reads only the
      // status of the entities its group owns.
      name: 'restricted',
      testMatch: 'restricted/**/*.spec.ts',
      use: { baseURL: restrictedBaseURL },
    },
  ],
});
