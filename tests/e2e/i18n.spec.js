// The interface's languages: the page in Simplified Chinese by ?lang=zh and by the browser's
// own language, the language menu switching live in the middle of a session without losing the
// model or the run, and the element's lang attribute. Every interface string comes from the
// catalogues: a missing one is logged as a console error, and there must be none.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { Playground } from './helpers.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Waits for the data in Chinese (the helpers' waitForData reads the English status line). */
async function waitForDataZh(page) {
  await expect(page.getByRole('status').filter({ hasText: 'MNIST 已就绪' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: '训练', exact: true })).toBeEnabled();
}

test('?lang=zh shows Chinese; the menu switches live and the trained state stays @phone', async ({ page }, testInfo) => {
  const app = await new Playground(page).open('lang=zh&preset=mlp&limit=1000&epochs=1');
  await waitForDataZh(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('heading', { name: 'MNIST 训练场' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '训练', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '画点什么' })).toBeVisible();
  await expect(page.getByLabel('学习率', { exact: true })).toHaveCount(1);  // folded on a phone
  await expect(page.locator('.playground')).toHaveAttribute('lang', 'zh-Hans');
  const state = page.locator('#run-state');
  await expect(state).toHaveText('空闲');

  // One step: the counters move; then English, live: the same values, in English words.
  await page.getByRole('button', { name: '单步', exact: true }).click();
  await expect(state).toHaveText('已暂停');  // a step leaves a paused run
  await expect(page.locator('#samples-counter')).toHaveText('32');
  const loss = await page.locator('#first-batch-loss').textContent();
  await expect(page.getByRole('button', { name: '继续训练', exact: true })).toBeVisible();
  await app.screenshot(testInfo, 'zh-after-step');
  // Chinese labels, names and lang attributes pass the same WCAG checks as the English page.
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByLabel('语言').selectOption('en');
  await expect(app.button('Continue training')).toBeVisible();
  await expect(app.button('Step')).toBeEnabled();
  await expect(page.getByRole('heading', { name: 'Draw something' })).toBeVisible();
  await expect(app.counter('Samples seen')).toHaveText('32');
  await expect(app.counter('First-batch loss')).toHaveText(loss);
  await expect(app.runState()).toHaveText('paused');
  await expect(page.locator('.playground')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/[?&]lang=en/);
  await expect(page).toHaveURL(/preset=|model=/);  // the settings stay in the address bar

  // And back: the model keeps learning from where it was.
  await page.getByLabel('Language').selectOption('zh');
  await page.getByRole('button', { name: '单步', exact: true }).click();
  await expect(page.locator('#samples-counter')).toHaveText('64');
  await expect(page.getByRole('heading', { name: '哪里出错了' })).toBeVisible();
  expect(app.errors).toEqual([]);
});

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('speaks Chinese without ?lang, and the lang attribute switches it', async ({ page }) => {
    const app = await new Playground(page).open('preset=mlp&limit=1000');
    await waitForDataZh(page);
    await expect(page.getByRole('heading', { name: '模型与训练设置' })).toBeVisible();
    await expect(page).not.toHaveURL(/lang=/);  // the browser's language is not written into links

    const changed = page.evaluate(() => new Promise((resolve) => {
      document.getElementById('playground').addEventListener('languagechange', (e) => resolve(e.detail.lang), { once: true });
    }));
    await page.evaluate(() => document.getElementById('playground').setAttribute('lang', 'en-GB'));
    expect(await changed).toBe('en');
    await expect(app.button('Train')).toBeEnabled();
    await expect(page.getByRole('status').filter({ hasText: 'MNIST ready' })).toBeVisible();
    expect(await page.evaluate(() => document.getElementById('playground').language)).toBe('en');
    expect(app.errors).toEqual([]);
  });
});

test('an error in Chinese: the title and hint by error code, the engine\'s message as the detail', async ({ page }) => {
  const app = await new Playground(page).open('lang=zh&data=/no-such-folder/');
  await expect(app.errorBanner()).toContainText('找不到数据');
  await expect(app.errorBanner()).toContainText('HTTP 404');          // the engine's own words
  await expect(app.errorBanner()).toContainText('请检查数据地址');
  await expect(page.getByRole('button', { name: '关闭' })).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await expect(app.errorBanner()).toContainText('The data was not found');
  await expect(app.errorBanner()).toContainText('npm run setup');    // the engine's hint, in its language
  // The data failed to load: the worker's 404 fetches are logged by the browser, nothing else.
  expect(app.errors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
});
