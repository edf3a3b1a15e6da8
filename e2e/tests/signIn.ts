import { expect, Page } from '@playwright/test';

/** Signs in with the guest provider from the landing page. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const guestCard = page.getByText('Guest', { exact: false }).first();
  await expect(guestCard).toBeVisible();
  await page.getByRole('button', { name: /enter/i }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog' }).first(),
  ).toBeVisible();
}
