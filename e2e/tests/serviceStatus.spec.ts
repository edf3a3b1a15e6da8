import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';
import {
  checkRow,
  expectFlowVerdicts,
  openTrafficSecurityTab,
} from './trafficSecurityTab';

const WAF_POLICY_ID =
  '/subscriptions/3e9a7c15-2d4b-4e8f-a1c6-7b0d5f2e9a34/resourceGroups/rg-contoso-edge-prod/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-contoso-catalog-01';

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('failing check shows its evidence', async ({ page }, testInfo) => {
  // product-catalog's WAF policy runs in Detection mode.
  await openTrafficSecurityTab(page, 'product-catalog');

  await expect(
    page.getByRole('heading', { name: 'Failing checks' }),
  ).toBeVisible();
  await expectFlowVerdicts(page, {
    Ingress: 'Fail',
    Egress: 'Pass',
    'Pod-to-pod': 'Pass',
    Management: 'Pass',
  });

  // The chain diagram marks the Application Gateway, whose WAF fails, and no
  // other hop.
  const hops = page.getByRole('list', { name: 'Ingress hops' });
  await expect(
    hops.getByRole('listitem', { name: 'Application Gateway: fail' }),
  ).toBeVisible();
  await expect(
    hops.getByRole('listitem', { name: 'Ingress controller: pass' }),
  ).toBeVisible();

  // The checks table lists the worst first.
  const rows = page.getByRole('row');
  const row = checkRow(page, 'ingress.waf.prevention-mode');
  await expect(rows.nth(1)).toContainText('ingress.waf.prevention-mode');
  await expect(row).toContainText('Fail');
  await expect(row).toContainText('Ingress');
  await expect(row).toContainText('high');

  const toggle = row.getByRole('button', {
    name: 'Show details of ingress.waf.prevention-mode',
  });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();

  const details = page.getByRole('region', {
    name: 'Details of ingress.waf.prevention-mode',
  });
  await expect(details).toContainText(
    'WAF policy waf-contoso-catalog-01 runs in Detection mode',
  );
  const evidence = details.getByRole('definition');
  await expect(evidence.nth(0)).toHaveText(WAF_POLICY_ID);
  await expect(evidence.nth(1)).toHaveText('properties.policySettings.mode');
  await expect(evidence.nth(2)).toHaveText('Detection');
  await expect(evidence.nth(3)).toHaveText('Prevention');
  await expect(evidence.nth(4)).toHaveText('listener listener-catalog-https');
  await expect(
    row.getByRole('button', {
      name: 'Hide details of ingress.waf.prevention-mode',
    }),
  ).toHaveAttribute('aria-expanded', 'true');

  await page.screenshot({
    path: testInfo.outputPath('product-catalog-evidence.png'),
  });
});

test('unreadable gateway leaves flows unknown', async ({ page }, testInfo) => {
  // customer-profile's gateway lives in a subscription the export could not read.
  await openTrafficSecurityTab(page, 'customer-profile');

  await expect(
    page.getByRole('heading', { name: 'Not fully evaluated' }),
  ).toBeVisible();
  await expectFlowVerdicts(page, {
    Ingress: 'Unknown',
    Egress: 'Pass',
    'Pod-to-pod': 'Unknown',
    Management: 'Pass',
  });
  await expect(page.getByRole('status')).toContainText(
    'Not fully evaluated: Ingress and Pod-to-pod',
  );

  await page
    .getByRole('combobox', { name: 'Verdict' })
    .selectOption({ label: 'Unknown' });
  await expect(
    page.getByRole('heading', { name: /^Checks \(20 of \d+\)$/ }),
  ).toBeVisible();
  const row = checkRow(page, 'pod.k8s.controller-ingress-from-appgw');
  await expect(row).toContainText('Unknown');
  await expect(row).toContainText('Pod-to-pod');

  await page.screenshot({
    path: testInfo.outputPath('customer-profile-unknown.png'),
  });
});
