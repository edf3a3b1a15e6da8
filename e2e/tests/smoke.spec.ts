import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('security tab shows flow statuses', async ({ page }, testInfo) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/checkout-api/traffic-security');

  await expect(
    page.getByRole('heading', { name: /every check passed/i }),
  ).toBeVisible();
  for (const flow of ['Ingress', 'Egress', 'Pod-to-pod', 'Management']) {
    const card = page.getByRole('region', { name: `${flow} flow` });
    await expect(card.getByText('Pass', { exact: true })).toBeVisible();
  }

  await page.goto(
    '/catalog/default/component/product-catalog/traffic-security',
  );

  const ingress = page.getByRole('region', { name: 'Ingress flow' });
  await expect(ingress.getByText('Fail', { exact: true })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Management flow' })
      .getByText('Pass', { exact: true }),
  ).toBeVisible();

  await page.screenshot({
    path: testInfo.outputPath('security-tab.png'),
    fullPage: true,
  });
});
