import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('security tab shows flow statuses', async ({ page }, testInfo) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/checkout-api/traffic-security');

  for (const flow of ['Ingress', 'Egress', 'Pod-to-pod', 'Management']) {
    await expect(page.getByRole('heading', { name: flow, exact: false }).first()).toBeVisible();
  }
  await expect(page.getByText('ingress.appgw.min-tls-version').first()).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('security-tab.png'), fullPage: true });
});
