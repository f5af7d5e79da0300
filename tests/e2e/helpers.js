// Shared steps for the browser tests: a small page object with intent-named methods, pixel
// checks on canvases, and a real MNIST test digit for the draw pad.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The playground page. Collects console errors and uncaught exceptions from the page and its
 * worker so a test can assert there were none.
 */
export class Playground {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
    page.on('worker', (worker) => {
      worker.on('console', (message) => {
        if (message.type() === 'error') this.errors.push(`worker console: ${message.text()}`);
      });
    });
  }

  /** Opens the page with a query string (settings, ?data=, ?build=). */
  async open(query = '') {
    await this.page.goto(query ? `/?${query}` : '/');
    return this;
  }

  /** Waits until MNIST is downloaded, checked and parsed and the model is built. */
  async waitForData() {
    await expect(this.page.getByRole('status').filter({ hasText: 'MNIST ready' })).toBeVisible({ timeout: 60_000 });
    await expect(this.button('Train')).toBeEnabled();
  }

  button(name) {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** The main training button (Train, or Continue training once a model has learnt). */
  trainButton() {
    return this.page.locator('#train-button');
  }

  /** The value shown under a counter's label, e.g. counter('Samples seen'). */
  counter(label) {
    return this.page.locator('#counters div').filter({ has: this.page.getByText(label, { exact: true }) }).locator('dd');
  }

  async samplesSeen() {
    return Number((await this.counter('Samples seen').textContent()).replace(/,/g, ''));
  }

  async firstBatchLoss() {
    return (await this.counter('First-batch loss').textContent()).trim();
  }

  runState() {
    return this.counter('State');
  }

  errorBanner() {
    return this.page.getByRole('alert');
  }

  /** Chooses a preset by the name the menu shows, e.g. 'CNN small'. */
  async choosePreset(name) {
    await this.page.getByLabel('Preset').selectOption({ label: name });
  }

  /** The model spec text input (the layer editor's text form). */
  modelSpec() {
    return this.page.getByRole('textbox', { name: 'Model spec' });
  }

  /** Types a spec into the text input and applies it (Enter). */
  async enterModelSpec(text) {
    await this.modelSpec().fill(text);
    await this.modelSpec().press('Enter');
  }

  /** The engine's message about the model, shown under the spec input. */
  modelSpecError() {
    return this.page.locator('#model-spec-error');
  }

  /** The summary line of epoch `n` in the epoch log. */
  epochLine(n) {
    return this.page.getByRole('list').filter({ hasText: `Epoch ${n}:` }).getByRole('listitem');
  }

  /** Saves a screenshot into test-results/ and attaches it to the report. */
  async screenshot(testInfo, name) {
    const file = testInfo.outputPath(`${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(name, { path: file, contentType: 'image/png' });
    return file;
  }
}

/**
 * How much of a canvas is drawn on: the fraction of pixels that differ from the most common
 * colour (the background), and how many distinct colours appear. A blank canvas gives 0 and 1.
 */
export async function canvasInk(locator) {
  return locator.evaluate((canvas) => {
    const { width, height } = canvas;
    if (!width || !height) return { fraction: 0, colours: 0 };
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 24) ^ (data[i + 1] << 16) ^ (data[i + 2] << 8) ^ data[i + 3];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let background = 0;
    for (const n of counts.values()) background = Math.max(background, n);
    return { fraction: 1 - background / (width * height), colours: counts.size };
  });
}

/** Image `index` of the MNIST test set: {pixels: Uint8Array(784), label}. */
export function mnistTestDigit(index) {
  const dir = process.env.MNIST_DATA_DIR || path.join(repo, 'data', 'mnist');
  const images = zlib.gunzipSync(fs.readFileSync(path.join(dir, 't10k-images-idx3-ubyte.gz')));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz')));
  const offset = 16 + index * 784;
  return { pixels: new Uint8Array(images.subarray(offset, offset + 784)), label: labels[8 + index] };
}

/**
 * Draws a 28x28 digit on a canvas with real pointer events: for each pixel row, one stroke along
 * every run of ink (pixels >= threshold), from its first to its last pixel, in small mouse moves.
 */
export async function traceDigit(page, canvas, pixels, threshold = 100) {
  const box = await canvas.boundingBox();
  const scale = Math.min(box.width, box.height) / 28;
  const at = (x, y) => [box.x + (x + 0.5) * scale, box.y + (y + 0.5) * scale];
  for (let y = 0; y < 28; y++) {
    let x = 0;
    while (x < 28) {
      if (pixels[y * 28 + x] < threshold) { x++; continue; }
      const start = x;
      while (x < 28 && pixels[y * 28 + x] >= threshold) x++;
      const end = x - 1;
      await page.mouse.move(...at(start, y));
      await page.mouse.down();
      await page.mouse.move(...at(end, y), { steps: Math.max(1, Math.ceil((end - start) / 3)) });
      await page.mouse.up();
    }
  }
}
