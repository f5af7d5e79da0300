// Accessibility as checked by axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on the full page,
// before and after training, in the light and the dark theme, on a desktop and on a phone; and a
// keyboard-only visit, from page load to a prediction, with no mouse at all.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { Playground } from './helpers.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const QUICK = 'model=dense:32:relu,dense:10:softmax&limit=2000&epochs=1';

async function violations(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`no WCAG A/AA violations before and after training, ${scheme} theme @phone`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const app = await new Playground(page).open(QUICK);
    await app.waitForData();
    expect(await violations(page)).toEqual([]);
    await app.trainButton().click();
    await expect(page.locator('#test-accuracy')).toContainText('Test accuracy', { timeout: 60_000 });
    expect(await violations(page)).toEqual([]);
    await app.screenshot(testInfo, `trained-${scheme}`);
  });
}

/** Presses Tab until the focused element matches `predicate` (at most `limit` times). */
async function tabTo(page, predicate, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(predicate);
    if (hit) return;
  }
  throw new Error('not reachable with the Tab key');
}

// The element focused inside the playground's shadow root (the page sees only the host).
const focused = () => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
};

test('keyboard only: train, then a prediction from a test digit and from keyboard drawing', async ({ page }) => {
  const app = await new Playground(page).open(QUICK);
  await app.waitForData();
  await tabTo(page, `(${focused})()?.textContent === 'Train'`);
  await page.keyboard.press('Enter');
  await expect(page.locator('#test-accuracy')).toContainText('Test accuracy', { timeout: 60_000 });

  await tabTo(page, `(${focused})()?.id === 'test-digit'`);
  await page.keyboard.press('Enter');
  await expect(page.locator('#draw-prediction')).toHaveAttribute('data-predicted', /^\d$/);
  const label = await page.locator('#test-digit').getAttribute('data-label');
  expect(label).toMatch(/^\d$/);

  // Drawing with the keys: a vertical stroke (a "1") down the middle of the pad.
  await page.locator('#draw-pad').focus();  // the pad is in the tab order; this saves walking back
  await page.keyboard.press('Delete');
  await expect(page.locator('#draw-prediction')).toHaveText('Draw something.');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.locator('#draw-prediction')).toHaveAttribute('data-predicted', '1');
  await expect(page.getByRole('status').filter({ hasText: /^Pen up at column 14, row 22 of 28\.$/ })).toHaveCount(1);
});
