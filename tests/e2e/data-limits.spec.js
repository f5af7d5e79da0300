// Hostile data: a ?data= link may point at any server. A gzip bomb is refused once it inflates
// past the size its IDX header declares, within a bounded amount of memory, and the playground
// trains right after on good data, without a page reload; an endless download stops at the cap;
// files that are not the official MNIST fail their pinned checksum even when the server's
// SHA256SUMS.raw agrees with them, and are dropped from the offline copy; without a
// SHA256SUMS.raw the official files still load (their sums are pinned in the page).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = process.env.MNIST_DATA_DIR || path.join(repo, 'data', 'mnist');
const MiB = 1024 * 1024;
const TRAIN_IMAGES = 'train-images-idx3-ubyte.gz';

/** The header of MNIST's training images (60,000 x 28 x 28 bytes), then `zeros` zero bytes, gzipped. */
async function gzipBomb(zeros) {
  const header = Buffer.from([0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]);
  const gzip = zlib.createGzip({ level: 9 });
  const chunks = [];
  gzip.on('data', (chunk) => chunks.push(chunk));
  gzip.write(header);
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < zeros / MiB; i++) gzip.write(block);
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(chunks);
}

/**
 * A hostile data host on another port (CORS open, as a public mirror would be): /bomb/ serves a
 * gzip bomb as the training images, /endless/ training images that never end (no
 * Content-Length), /announced/ ones announced as 100 MiB; the other three files are the real
 * ones, and there is no SHA256SUMS.raw (404).
 */
async function hostileServer() {
  const bomb = await gzipBomb(1024 * MiB);  // 1 GiB of zeros after the header: about 1 MB gzipped
  let endlessBytes = 0;
  const server = http.createServer((request, response) => {
    const [, folder, file] = new URL(request.url, 'http://x').pathname.split('/');
    response.setHeader('Access-Control-Allow-Origin', '*');
    const real = path.join(dataDir, file ?? '');
    if (file === TRAIN_IMAGES && folder === 'bomb') {
      response.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': bomb.length });
      response.end(bomb);
    } else if (file === TRAIN_IMAGES && folder === 'endless') {
      response.writeHead(200, { 'Content-Type': 'application/gzip' });  // chunked: no length
      const block = Buffer.alloc(MiB, 7);
      const more = () => {
        while (!response.destroyed) {
          endlessBytes += block.length;
          if (!response.write(block)) break;  // until the page reads on ('drain')
        }
      };
      response.on('drain', more);
      more();
    } else if (file === TRAIN_IMAGES && folder === 'announced') {
      response.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': 100 * MiB });
      response.write(Buffer.alloc(MiB));  // and then nothing: the announcement alone must do
    } else if (file?.endsWith('.gz') && fs.existsSync(real)) {
      response.writeHead(200, { 'Content-Type': 'application/gzip' });
      fs.createReadStream(real).pipe(response);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    bombBytes: bomb.length,
    endlessBytes: () => endlessBytes,
    close: () => { server.closeAllConnections(); server.close(); },
  };
}

// ---------------------------------------------------------------- the browser's memory, from /proc

/** Process ids of this test process's descendants (the browser it launched and its children). */
function descendants() {
  const parents = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!mine.has(pid) && mine.has(parent)) { mine.add(pid); grew = true; }
    }
  }
  mine.delete(process.pid);
  return mine;
}

/** Resident memory of the browser's renderer processes (the page and its workers live there). */
function rendererBytes() {
  let total = 0;
  for (const pid of descendants()) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      total += Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/** Samples rendererBytes() every 50 ms until stop(), which returns the peak. */
function watchPeak() {
  let peak = rendererBytes();
  const timer = setInterval(() => { peak = Math.max(peak, rendererBytes()); }, 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rendererBytes());
  };
}

const mib = (bytes) => `${(bytes / MiB).toFixed(0)} MiB`;

// ---------------------------------------------------------------- tests

let host;
test.beforeAll(async () => { host = await hostileServer(); });
test.afterAll(() => host?.close());

test('a gzip bomb as ?data= is refused within bounded memory, and the element trains again on good data', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await page.route('**/__blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto('/__blank');
  const baseline = rendererBytes();
  const peakOf = watchPeak();
  const started = Date.now();
  await app.open(`data=${encodeURIComponent(`${host.url}bomb/`)}&model=dense:32:relu,dense:10:softmax&limit=5000&epochs=1`);
  await expect(app.errorBanner()).toContainText('The data could not be read', { timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  const peak = peakOf();
  await expect(app.errorBanner()).toContainText(`${TRAIN_IMAGES} is not an IDX file (the MNIST format): it inflates past the 47,040,016 bytes its IDX header declares`);
  await expect(app.errorBanner()).toContainText('gzip bomb');
  await expect(app.trainButton()).toBeDisabled();
  await app.screenshot(testInfo, 'gzip-bomb-refused');
  expect(peak - baseline).toBeLessThan(400 * MiB);  // less than real MNIST takes (printed below)

  // Back to good data, no page reload: the element starts afresh and trains.
  const navigations = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await page.evaluate(() => document.getElementById('playground').setAttribute('data-src', '/data/mnist/'));
  await app.waitForData();
  const withMnist = rendererBytes();
  console.log(`gzip bomb (${mib(host.bombBytes)} gzipped: a 60,000-image header, then 1 GiB of zeros) as ?data=: ` +
    `refused after ${seconds.toFixed(1)} s (page load included); renderer memory ${mib(baseline)} on a blank page, ` +
    `peak ${mib(peak)} (+${mib(peak - baseline)}) with the bomb; ${mib(withMnist)} once real MNIST is loaded`);
  await app.trainButton().click();
  await expect(page.locator('#test-accuracy')).toHaveAttribute('data-accuracy', /\d/, { timeout: 60_000 });
  expect(Number(await page.locator('#test-accuracy').getAttribute('data-accuracy'))).toBeGreaterThan(0.8);
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigations);
  // One training worker (the threaded engine's own Web Workers aside).
  expect(page.workers().filter((w) => !w.url().includes('engine-threads.worker.js'))).toHaveLength(1);
});

test('a download that never ends stops at the cap; one announced too large is refused at once', async ({ page }) => {
  const app = await new Playground(page).open(`data=${encodeURIComponent(`${host.url}endless/`)}`);
  await expect(app.errorBanner()).toContainText('The data is larger than this page accepts', { timeout: 60_000 });
  await expect(app.errorBanner()).toContainText(`${TRAIN_IMAGES} is larger than the 64 MiB this page accepts for one data file (the download was stopped there)`);
  console.log(`endless download: refused; the server had written ${mib(host.endlessBytes())} when the page stopped reading`);
  expect(host.endlessBytes()).toBeLessThan(200 * MiB);

  await app.open(`data=${encodeURIComponent(`${host.url}announced/`)}`);
  await expect(app.errorBanner()).toContainText('the server announced 100 MiB', { timeout: 30_000 });
});

test('files that are not the official MNIST fail their pinned checksum, even with matching sums, and leave the offline copy', async ({ page, baseURL }) => {
  // t10k-labels with one label changed, and a SHA256SUMS.raw that lists the changed file's sum.
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(dataDir, 't10k-labels-idx1-ubyte.gz')));
  labels[8] = (labels[8] + 1) % 10;
  const { createHash } = await import('node:crypto');
  const sum = createHash('sha256').update(labels).digest('hex');
  const sums = fs.readFileSync(path.join(dataDir, 'SHA256SUMS.raw'), 'utf8')
    .replace(/^[0-9a-f]{64}(?=\s+t10k-labels-idx1-ubyte$)/m, sum);
  await page.route('**/data/mnist/t10k-labels-idx1-ubyte.gz', (route) =>
    route.fulfill({ contentType: 'application/gzip', body: zlib.gzipSync(labels) }));
  await page.route('**/data/mnist/SHA256SUMS.raw', (route) => route.fulfill({ contentType: 'text/plain', body: sums }));
  // An offline copy of the bad file (as the service worker would have kept it) and of a good one.
  await page.route('**/__blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto('/__blank');
  const cached = (name) => page.evaluate(async (url) => Boolean(await (await caches.open('mnist-playground-offline-v1')).match(url)),
    new URL(`data/mnist/${name}`, baseURL).href);
  await page.evaluate(async (base) => {
    const cache = await caches.open('mnist-playground-offline-v1');
    await cache.put(`${base}data/mnist/t10k-labels-idx1-ubyte.gz`, new Response('a bad copy'));
    await cache.put(`${base}data/mnist/train-labels-idx1-ubyte.gz`, new Response('a copy to keep'));
  }, baseURL);

  const app = await new Playground(page).open();
  await expect(app.errorBanner()).toContainText('The data failed its checksum', { timeout: 60_000 });
  await expect(app.errorBanner()).toContainText('Checksum mismatch for t10k-labels-idx1-ubyte: it is not the official MNIST file');
  await expect(app.errorBanner()).toContainText("even though the server's SHA256SUMS.raw lists its sum");
  await expect.poll(() => cached('t10k-labels-idx1-ubyte.gz')).toBe(false);
  expect(await cached('train-labels-idx1-ubyte.gz')).toBe(true);
  await page.evaluate(() => caches.delete('mnist-playground-offline-v1'));
});

test('without a SHA256SUMS.raw the official files load: their sums are pinned', async ({ page }) => {
  await page.route('**/data/mnist/SHA256SUMS.raw', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const app = await new Playground(page).open('model=dense:16:relu,dense:10:softmax&limit=1000&epochs=1');
  await app.waitForData();
  await expect(app.errorBanner()).toBeHidden();
  expect(app.errors.filter((e) => !/SHA256SUMS\.raw|404/.test(e))).toEqual([]);
});
