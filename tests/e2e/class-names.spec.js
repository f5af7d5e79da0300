// Class names in a real browser (its fonts, the element's themes and widths): the views that show
// classes, drawn into the playground's own canvases with Fashion-MNIST's names and with three
// uploaded folders' names, at a desktop's and a phone's width, in the light and the dark theme.
// The names reach the page through the dataset menu, so these tests draw the canvas views
// directly (web/views/canvas/*.js, as the views call them) and check what a person would see:
// every name there, whole or cut with '…', none of it wider than the page.
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const PETS = ['cat', 'dog', 'hamster'];
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 800 } };

/**
 * Draws the confusion matrix, the accuracy per class, the probability bars and the mistakes'
 * grid with `names`, in the element's canvases, and reports what was written on each canvas:
 * {text, angle (radians), width (px)}, and each canvas's aria-label and its overflow (how many px
 * wider it is shown than its container).
 */
async function drawWithNames(page, names) {
  return page.evaluate(async (labels) => {
    const [{ drawConfusionMatrix }, { drawPerClassAccuracy }, { drawProbabilityBars }, { drawDigitGrid, digitGridColumns }] =
      await Promise.all(['confusion-matrix', 'per-class-accuracy', 'probability-bars', 'digit-grid']
        .map((name) => import(`/web/views/canvas/${name}.js`)));
    const root = document.querySelector('mnist-playground').shadowRoot;
    const canvas = (id) => root.getElementById(id);
    const n = labels.length;
    const written = {};
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function record(text, x, y, maxWidth) {
      const { a, b } = this.getTransform();
      (written[this.canvas.id] ??= []).push({ text, angle: Math.atan2(b, a), width: this.measureText(text).width });
      return fillText.call(this, text, x, y, maxWidth);
    };
    try {
      const confusion = Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 900 : 11));
      drawConfusionMatrix(canvas('confusion-matrix'), confusion, { labels, selected: { actual: n - 1, predicted: 0 } });
      drawPerClassAccuracy(canvas('per-class-accuracy'), labels.map((_, c) => 0.8 + c / 60), { labels });
      drawProbabilityBars(canvas('probability-bars'), labels.map((_, c) => (c === n - 3 ? 0.97 : 0.03 / (n - 1))), { labels });
      const pixels = new Uint8Array(784).fill(255);
      const items = labels.map((_, c) => ({ pixels, label: c, predicted: (c + 1) % n, confidence: 0.61 }));
      const grid = canvas('misclassified-grid');
      drawDigitGrid(grid, items, { columns: digitGridColumns(grid), cellSize: 48, labels });
    } finally {
      CanvasRenderingContext2D.prototype.fillText = fillText;
    }
    const report = {};
    for (const id of ['confusion-matrix', 'per-class-accuracy', 'probability-bars', 'misclassified-grid']) {
      const shown = canvas(id).getBoundingClientRect().width;
      report[id] = { texts: written[id], label: canvas(id).getAttribute('aria-label'), overflow: shown - canvas(id).parentElement.clientWidth };
    }
    return report;
  }, names);
}

/** A name as drawn: whole, or its start and '…'. */
const showsName = (text, name) => text === name || (text.endsWith('…') && name.startsWith(text.slice(0, -1).trimEnd()));
const texts = (view) => view.texts.map((entry) => entry.text);

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const theme of ['light', 'dark']) {
    test(`Fashion-MNIST's names fit every view: ${size}, ${theme} theme`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      const app = await new Playground(page).open();
      await page.locator('mnist-playground').evaluate((element, value) => element.setAttribute('theme', value), theme);
      await expect(page.locator('#probability-bars')).toHaveAttribute('aria-label', /.+/);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const views = await drawWithNames(page, FASHION);

      for (const [id, view] of Object.entries(views)) expect(view.overflow, `${id} fits its container`).toBeLessThanOrEqual(1);
      // The matrix: each name beside its row and over its column (upright), cut only if it must be.
      const matrix = views['confusion-matrix'];
      for (const name of FASHION) expect(matrix.texts.filter((entry) => showsName(entry.text, name)).length, name).toBe(2);
      const upright = matrix.texts.filter((entry) => Math.abs(entry.angle + Math.PI / 2) < 1e-6);
      expect(upright.filter((entry) => FASHION.some((name) => showsName(entry.text, name)))).toHaveLength(10);
      expect(matrix.label).toContain('Selected: true Ankle boot, predicted T-shirt/top, 11 images.');
      // Accuracy per class: ten whole names, slanted on a phone as on a desktop's half-width panel.
      const perClass = views['per-class-accuracy'];
      expect(perClass.texts.filter((entry) => FASHION.includes(entry.text)).map((entry) => entry.text)).toEqual(FASHION);
      expect(perClass.label).toMatch(/T-shirt\/top: 80\.0%, Trouser: 81\.7%.*Lowest: T-shirt\/top at 80\.0%\.$/);
      // The probability bars: the longest name whole, the prediction marked.
      const bars = views['probability-bars'];
      expect(texts(bars)).toEqual(expect.arrayContaining(['▶ Sneaker', 'Ankle boot', 'T-shirt/top']));
      expect(bars.label).toMatch(/^Prediction: Sneaker with probability 97\.0%/);
      // The grid: every prediction named (whole or cut), all ten mistakes named in full for a screen reader.
      const grid = views['misclassified-grid'];
      for (const name of FASHION) expect(texts(grid).some((text) => showsName(text.replace(/^✗ /, ''), name)), name).toBe(true);
      expect(grid.label).toContain('number 10: Ankle boot predicted as T-shirt/top');

      const shot = testInfo.outputPath(`fashion-${size}-${theme}.png`);
      await page.locator('#errors-section').screenshot({ path: shot });
      await testInfo.attach(`fashion-${size}-${theme}`, { path: shot, contentType: 'image/png' });
      expect(app.errors).toEqual([]);
    });
  }
}

test('three uploaded classes: a 3 x 3 matrix, three bars, and the names as the folders have them', async ({ page }, testInfo) => {
  await page.setViewportSize(SIZES.phone);
  const app = await new Playground(page).open();
  await expect(page.locator('#probability-bars')).toHaveAttribute('aria-label', /.+/);
  const views = await drawWithNames(page, PETS);
  const matrix = views['confusion-matrix'];
  for (const name of PETS) expect(texts(matrix).filter((text) => text === name), name).toHaveLength(2);
  expect(texts(matrix).filter((text) => text === '900')).toHaveLength(3);
  expect(matrix.label).toContain('Confusion matrix of 2766 images');  // 3 x 900 right, 6 x 11 wrong
  expect(texts(views['per-class-accuracy']).filter((text) => PETS.includes(text))).toEqual(PETS);
  expect(texts(views['probability-bars'])).toEqual(expect.arrayContaining(['▶ cat', 'dog', 'hamster']));
  for (const section of ['errors-section', 'draw-section']) {
    const shot = testInfo.outputPath(`pets-${section}.png`);
    await page.locator(`#${section}`).screenshot({ path: shot });
    await testInfo.attach(`pets-${section}`, { path: shot, contentType: 'image/png' });
  }
  expect(app.errors).toEqual([]);
});

test('before any dataset: the digits 0 to 9 in the class menus', async ({ page }) => {
  await new Playground(page).open();
  for (const id of ['#sample-digit', '#filter-actual', '#filter-predicted']) {
    await expect(page.locator(`${id} option`)).toHaveText([/.+/, '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  }
  await expect(page.getByRole('combobox', { name: 'True class' })).toBeVisible();
});
