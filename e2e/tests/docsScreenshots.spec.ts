import { expect, Page, test, TestInfo } from '@playwright/test';
import { resolve } from 'node:path';
import { signInAsGuest } from './signIn';
import { openServiceTemplate, pickOption } from './templateForm';
import { checkRow, openTrafficSecurityTab } from './trafficSecurityTab';

/**
 * Takes the screenshots of the README files. Each is saved with the test's
 * output; with UPDATE_DOCS_SCREENSHOTS=1 it also replaces the image in
 * docs/screenshots. Run this file alone to update them, because the other
 * specs add entities to the demo catalog:
 *
 *   UPDATE_DOCS_SCREENSHOTS=1 scripts/e2e.sh --project=default tests/docsScreenshots.spec.ts
 */
const DOCS_SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');

async function saveScreenshot(page: Page, testInfo: TestInfo, file: string) {
  await page.screenshot({ path: testInfo.outputPath(file) });
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    await page.screenshot({ path: resolve(DOCS_SCREENSHOTS, file) });
  }
}

/** Chooses a theme on the Settings page, which keeps it for the user. */
async function chooseTheme(page: Page, theme: 'Light' | 'Dark' | 'Auto') {
  await page.goto('/settings');
  const button = page.getByRole('button', { name: theme, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/**
 * Shows product-catalog's failing check, expanded, below the flow cards,
 * with the overall status scrolled just out of view.
 */
async function showFailingCheck(page: Page) {
  await openTrafficSecurityTab(page, 'product-catalog');
  await page
    .getByRole('combobox', { name: 'Verdict' })
    .selectOption({ label: 'Fail' });
  await checkRow(page, 'ingress.waf.prevention-mode')
    .getByRole('button', { name: /details of ingress\.waf\.prevention-mode/ })
    .click();
  await expect(
    page.getByRole('region', {
      name: 'Details of ingress.waf.prevention-mode',
    }),
  ).toBeVisible();
  await page
    .getByRole('heading', { name: 'Failing checks' })
    .evaluate(heading => heading.scrollIntoView({ block: 'start' }));
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('entity tab in both themes', async ({ page }, testInfo) => {
  // Tall enough for the flow cards and the expanded check with its fix.
  await page.setViewportSize({ width: 1280, height: 1000 });
  await chooseTheme(page, 'Light');
  await showFailingCheck(page);
  await saveScreenshot(page, testInfo, 'entity-tab-light.png');

  try {
    await chooseTheme(page, 'Dark');
    await showFailingCheck(page);
    await saveScreenshot(page, testInfo, 'entity-tab-dark.png');
  } finally {
    // The theme is stored for the guest user, whom the other specs share.
    await chooseTheme(page, 'Auto');
  }
});

test('entity card', async ({ page }, testInfo) => {
  await page.goto('/catalog/default/component/product-catalog');
  await expect(page.getByText('Overall: Fail')).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Traffic flows' }).getByRole('listitem'),
  ).toHaveCount(4);
  await saveScreenshot(page, testInfo, 'entity-card.png');
});

test('fleet dashboard', async ({ page }, testInfo) => {
  await page.goto('/aks-traffic-security');
  await expect(page.getByText(/^\d+ matching entities$/)).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'product-catalog', exact: true }),
  ).toBeVisible();
  await saveScreenshot(page, testInfo, 'fleet-dashboard.png');

  await page
    .getByRole('heading', { name: 'Entities', exact: true })
    .scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'fleet-table.png');
});

test('service template form', async ({ page }, testInfo) => {
  await openServiceTemplate(page);
  await page.getByLabel('Service name').fill('orders-api');
  await pickOption(page, 'root_owner', 'Commerce');
  await pickOption(page, 'root_system', 'online-store');
  await page.getByLabel('Description').fill('Takes orders from the web shop');

  // Shows the form from its title, with no field focused or hovered.
  await page.getByLabel('Description').blur();
  await page.mouse.move(0, 0);
  await page
    .getByRole('heading', { name: /AKS service behind Application Gateway/ })
    .evaluate(heading => heading.scrollIntoView({ block: 'start' }));
  await saveScreenshot(page, testInfo, 'create-service.png');
});
