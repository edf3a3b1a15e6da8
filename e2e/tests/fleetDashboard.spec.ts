import { expect, Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { signInAsGuest } from './signIn';

const CSV_HEADER = [
  'entityRef',
  'title',
  'owner',
  'system',
  'clusterId',
  'verdict',
  'ingress',
  'egress',
  'pod-to-pod',
  'management',
  'failingCritical',
  'failingHigh',
  'failingMedium',
  'failingLow',
  'failingInfo',
  'evaluatedAt',
  'stale',
  'failedReads',
];

/** Returns the table of entities, not the summary table above it. */
function entitiesTable(page: Page) {
  return page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Cluster' }) });
}

/** Asserts the names in the Entity column, top to bottom. */
async function expectEntities(page: Page, names: string[]) {
  await expect(
    entitiesTable(page).locator('tbody tr td:first-child'),
  ).toHaveText(names);
}

test('filters the fleet and exports CSV', async ({ page }, testInfo) => {
  await signInAsGuest(page);
  await page.goto('/aks-traffic-security');
  await page
    .getByRole('combobox', { name: 'Sort by' })
    .selectOption({ label: 'Entity reference' });

  // Filters that leave out the services the other specs create, whose
  // verdict is unknown and whose owner is team-commerce.
  await page
    .getByRole('combobox', { name: 'Verdict' })
    .selectOption({ label: 'Fail' });
  await expect(page.getByText('4 matching entities')).toBeVisible();
  await expectEntities(page, [
    'inventory-sync',
    'product-catalog',
    'shipment-tracker',
    'store-terminal-api',
  ]);

  await page.getByRole('textbox', { name: 'Owner' }).fill('team-fulfilment');
  await expect(page.getByText('2 matching entities')).toBeVisible();
  await expectEntities(page, ['inventory-sync', 'shipment-tracker']);
  await page.screenshot({ path: testInfo.outputPath('fleet-filtered.png') });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csvPath = testInfo.outputPath('fleet.csv');
  await download.saveAs(csvPath);

  const lines = (await readFile(csvPath, 'utf8')).split('\r\n');
  expect(lines.pop()).toBe('');
  const [header, ...rows] = lines.map(line => line.split(','));
  expect(header).toEqual(CSV_HEADER);
  const column = (name: string) => CSV_HEADER.indexOf(name);
  expect(rows.map(row => row[column('entityRef')])).toEqual([
    'component:default/inventory-sync',
    'component:default/shipment-tracker',
  ]);
  for (const row of rows) {
    expect(row).toHaveLength(CSV_HEADER.length);
    expect(row[column('owner')]).toBe('group:default/team-fulfilment');
    expect(row[column('verdict')]).toBe('fail');
  }
  const [inventorySync, shipmentTracker] = rows;
  expect(inventorySync[column('management')]).toBe('fail');
  expect(inventorySync[column('failingCritical')]).toBe('1');
  expect(shipmentTracker[column('pod-to-pod')]).toBe('fail');
  expect(shipmentTracker[column('failingHigh')]).toBe('1');
});

test('keeps the filters in the URL across Back', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/aks-traffic-security');

  await page
    .getByRole('combobox', { name: 'Verdict' })
    .selectOption({ label: 'Fail' });
  await expect(page).toHaveURL(/[?&]verdict=fail(&|$)/);
  await expect(page.getByText('4 matching entities')).toBeVisible();
  await entitiesTable(page)
    .getByRole('link', { name: 'product-catalog' })
    .click();
  await expect(page).toHaveURL(/\/catalog\//);
  await page.goBack();

  await expect(page.getByRole('combobox', { name: 'Verdict' })).toHaveValue(
    'fail',
  );
  await expect(page.getByText('4 matching entities')).toBeVisible();
});

test('fits the entity table in a 1280 px window', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsGuest(page);
  await page.goto('/aks-traffic-security');
  await expect(entitiesTable(page).locator('tbody tr').first()).toBeVisible();

  const widths = await entitiesTable(page).evaluate(table => ({
    table: table.scrollWidth,
    container: table.parentElement!.clientWidth,
  }));

  expect(widths.table).toBeLessThanOrEqual(widths.container);
});
