import { expect, test } from '@playwright/test';
import { signInAsGuest } from '../signIn';
import { openTrafficSecurityTab } from '../trafficSecurityTab';

// e2e/app-config.e2e-restricted.yaml makes team-fulfilment the only platform
// group. The guest is in platform-engineering, which owns ingress-canary
// (e2e/fixtures/platform-owned-service.yaml) and none of the demo services.
const DENIED =
  "Not allowed to aks-traffic-security.assessment.read on entity 'component:default/product-catalog'";

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('tab hides the status of a service', async ({ page }, testInfo) => {
  await openTrafficSecurityTab(page, 'product-catalog');

  await expect(
    page.getByText(`Could not load the traffic security assessment: ${DENIED}`),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: /flow$/ })).toHaveCount(0);
  await expect(page.getByRole('row')).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Refresh assessment' }),
  ).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('denied-tab.png') });
});

test('card hides the status of a service', async ({ page }, testInfo) => {
  await page.goto('/catalog/default/component/product-catalog');

  await expect(
    page.getByText(`Could not load the traffic security status: ${DENIED}`),
  ).toBeVisible();
  await expect(page.getByText(/^Overall:/)).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Traffic flows' })).toHaveCount(
    0,
  );
  await page.screenshot({ path: testInfo.outputPath('denied-card.png') });
});

test('dashboard lists only owned services', async ({ page }, testInfo) => {
  await page.goto('/aks-traffic-security');

  await expect(page.getByText('1 matching entity')).toBeVisible();
  const table = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Cluster' }) });
  await expect(table.locator('tbody tr td:first-child')).toHaveText([
    'Ingress canary',
  ]);
  await expect(page.getByRole('link', { name: 'product-catalog' })).toHaveCount(
    0,
  );
  await page.screenshot({ path: testInfo.outputPath('owned-fleet.png') });

  // The owner keeps the full status of its own service.
  await table.getByRole('link', { name: 'Ingress canary' }).click();
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Traffic security' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Secure: every check passed' }),
  ).toBeVisible();
});
