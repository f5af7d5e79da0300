// The npm package as a user gets it: `npm pack` of the built repository (dist/ must exist: npm
// test builds it first), installed into a scratch project, served by a plain static server (not
// Vite) that sends a strict Content-Security-Policy with every response, the worker's script
// included. A page with no inline script loads the package's entry as a module and drives the
// element through the API: ready, train, trained, predict. No bare import may remain in the
// bundle (a browser could not resolve it here) and nothing may break the policy.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { mnistTestDigit } from './helpers.js';
import { serveFolder } from './static-server.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const PACKAGE = './node_modules/mnist-playground/dist';

// The scratch project's files. Scripts are files, not inline: the policy would refuse inline ones.
// The empty icon spares the console a 404 for /favicon.ico.
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>mnist-playground from npm</title>
  <link rel="icon" href="data:,">
  <script src="./csp-watch.js"></script>
  <script type="module" src="${PACKAGE}/web/mnist-playground.js"></script>
  <script type="module" src="./main.js"></script>
</head>
<body><main id="host"></main></body>
</html>
`;
// A classic script, so it runs before any module and sees every violation in the document.
const CSP_WATCH = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
`;
// Records the element's events and keeps the API object. The events bubble to the container,
// except error, which is listened to on the element.
const MAIN = `import { createPlayground } from '${PACKAGE}/web/mnist-playground.js';

const host = document.getElementById('host');
window.events = [];
const record = (event) => window.events.push({ type: event.type, detail: event.detail });
for (const type of ['ready', 'epoch', 'trained', 'statechange']) host.addEventListener(type, record);
window.progressEvents = 0;
host.addEventListener('progress', () => { window.progressEvents += 1; });
window.playground = createPlayground(host, {
  preset: 'mlp',
  dataSrc: new URL('${PACKAGE}/data/mnist/', location.href).href,
  controls: 'compact',
  persist: 'off',
  settings: 'limit=1000&epochs=1',
});
window.playground.element.addEventListener('error', record);
`;

let scratch;
let server;
let packed;

test.beforeAll(async () => {
  if (!fs.existsSync(path.join(repo, 'dist', 'web', 'mnist-playground.js'))) {
    throw new Error('dist/ is missing: run "npm run build" first (npm test does)');
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mnist-package-'));
  // --ignore-scripts: pack what dist/ holds now, without the wasm toolchain.
  [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch],
    { cwd: repo, encoding: 'utf8' }));
  fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  // The tarball has no dependencies: installing it needs no registry.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `./${packed.filename}`],
    { cwd: scratch, stdio: 'pipe' });
  fs.writeFileSync(path.join(scratch, 'index.html'), PAGE);
  fs.writeFileSync(path.join(scratch, 'csp-watch.js'), CSP_WATCH);
  fs.writeFileSync(path.join(scratch, 'main.js'), MAIN);
  server = await serveFolder(scratch, { 'Content-Security-Policy': CSP });
});

test.afterAll(async () => {
  await server?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test('the tarball holds the built files and the types, and its exports resolve', async ({}, testInfo) => {
  const files = packed.files.map((f) => f.path);
  testInfo.annotations.push({ type: 'tarball', description: `${packed.filename}: ${packed.size} bytes, ${files.length} files` });
  expect(files.filter((f) => !/^(dist\/|types\/|package\.json$|README\.md$|LICENSE)/.test(f))).toEqual([]);
  for (const f of ['dist/web/mnist-playground.js', 'dist/embed.html', 'dist/sw.js', 'types/mnist-playground.d.ts',
    'dist/engine/engine-simd.wasm', 'dist/engine/engine-scalar.wasm', 'dist/engine/engine-threads.wasm',
    'dist/engine/engine-threads.mjs', 'dist/engine/engine-threads.worker.js', 'dist/data/mnist/SHA256SUMS.raw']) {
    expect(files).toContain(f);
  }
  const installed = path.join(scratch, 'node_modules', 'mnist-playground');
  const resolve = (specifier) => execFileSync(process.execPath,
    ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`],
    { cwd: scratch, encoding: 'utf8' }).trim();
  expect(resolve('mnist-playground')).toBe(`file://${installed}/dist/web/mnist-playground.js`);
  expect(resolve('mnist-playground/element')).toBe(`file://${installed}/dist/web/mnist-playground.js`);
  expect(resolve('mnist-playground/engine/engine-simd.mjs')).toBe(`file://${installed}/dist/engine/engine-simd.mjs`);
  expect(resolve('mnist-playground/embed.html')).toBe(`file://${installed}/dist/embed.html`);
});

test('installed from the tarball, it trains and predicts on a static host under a strict CSP', async ({ page }, testInfo) => {
  const violations = [];
  const errors = [];
  const watch = (where) => (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${where}: ${message.text()}`);
    else if (message.type() === 'error') errors.push(`${where}: ${message.text()}`);
  };
  page.on('console', watch('page'));
  page.on('worker', (worker) => worker.on('console', watch('worker')));
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  const events = (type) => page.evaluate((t) => window.events.filter((e) => e.type === t).map((e) => e.detail), type);

  const response = await page.goto(`${server.url}index.html`);
  expect(response.headers()['content-security-policy']).toBe(CSP);
  await page.evaluate(() => window.playground.ready);
  const [ready] = await events('ready');
  // A plain static host sends no COOP/COEP: not cross-origin isolated, so SIMD on one thread.
  expect(ready).toMatchObject({ build: 'simd', threads: 1, maxThreads: 1 });
  expect(ready.counts.test).toBe(10_000);
  await expect(page.locator('mnist-playground')).toBeVisible();

  await page.evaluate(() => window.playground.train());
  await expect.poll(() => events('trained'), { timeout: 90_000 }).toHaveLength(1);
  const [trained] = await events('trained');
  expect(typeof trained.accuracy).toBe('number');
  expect(trained.accuracy).toBeGreaterThan(0.5);   // chance is 0.1
  expect(await events('epoch')).toHaveLength(1);
  expect((await events('statechange')).map((d) => d.state)).toEqual(expect.arrayContaining(['running', 'finished']));
  expect(await page.evaluate(() => window.progressEvents)).toBeGreaterThan(0);

  const digit = mnistTestDigit(0);
  const probabilities = await page.evaluate(
    (pixels) => window.playground.predict(Uint8Array.from(pixels)).then((p) => Array.from(p)),
    Array.from(digit.pixels));
  expect(probabilities).toHaveLength(10);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  expect(probabilities.indexOf(Math.max(...probabilities))).toBe(digit.label);

  const file = testInfo.outputPath('package-strict-csp.png');
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach('package-strict-csp', { path: file, contentType: 'image/png' });
  await page.evaluate(() => window.playground.destroy());

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(violations).toEqual([]);
  expect(await events('error')).toEqual([]);
  expect(errors).toEqual([]);
});
