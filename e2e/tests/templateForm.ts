import { Page } from '@playwright/test';

/** Opens the form of the AKS service template from the Create page. */
export async function openServiceTemplate(page: Page) {
  await page.goto('/create');
  await page
    .getByRole('article')
    .filter({ hasText: 'AKS service behind Application Gateway' })
    .getByRole('button', { name: 'Choose' })
    .click();
}

/** Chooses the option with the given label in an autocomplete field of the form. */
export async function pickOption(page: Page, fieldId: string, label: string) {
  await page.locator(`#${fieldId}`).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}
