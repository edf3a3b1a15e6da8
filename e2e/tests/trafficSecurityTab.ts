import { expect, Page } from '@playwright/test';

/** The verdict labels the tab shows, by flow card. */
export type FlowVerdicts = Record<
  'Ingress' | 'Egress' | 'Pod-to-pod' | 'Management',
  'Pass' | 'Fail' | 'Unknown' | 'Warning' | 'Not applicable'
>;

/** Opens the "Traffic security" tab of a component in the default namespace. */
export async function openTrafficSecurityTab(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}/traffic-security`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** Asserts the verdict label of each flow card on the tab. */
export async function expectFlowVerdicts(page: Page, verdicts: FlowVerdicts) {
  for (const [flow, verdict] of Object.entries(verdicts)) {
    const card = page.getByRole('region', { name: `${flow} flow` });
    await expect(card.getByText(verdict, { exact: true })).toBeVisible();
  }
}

/** Returns the row of the checks table that shows the given check id. */
export function checkRow(page: Page, checkId: string) {
  return page
    .getByRole('row')
    .filter({ has: page.getByText(checkId, { exact: true }) });
}
