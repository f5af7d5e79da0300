// Browser tests (npm test runs them after the native suite; alone: npx playwright test).
// They drive the real page in headless Chromium as a person would: roles, labels, pointer events,
// and they wait for what is visible, never for a fixed time.
// Needs: public/engine/ (scripts/build-wasm.sh), data/mnist/ (scripts/setup.sh), /usr/bin/chromium.
import { execFileSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';

// A free port, chosen once: Playwright evaluates this file again in each worker process, which
// inherits the environment, so the variable keeps every process on the same port.
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execFileSync(process.execPath, ['-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ]).toString().trim();
}
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}/`;

// Debian's Chromium: Playwright must never download a browser here (no `npx playwright install`).
const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',                    // runs as root in CI containers, where the sandbox cannot start
    '--disable-gpu',                   // no GPU here; software rendering is deterministic
    '--disable-quic',                  // no stray UDP connections
    '--no-first-run',                  // no first-run dialogs or imports
    '--disable-background-networking', // otherwise Chromium keeps trying to reach the internet
    '--disable-component-update',      // ... to update its components
    '--disable-sync',                  // ... and to sync a profile
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.js',
  // Training is CPU-bound and the machine has 2 cores: one test at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  // A test that trains one epoch needs ~10 s of training plus page load; generous for slow CI.
  timeout: 120_000,
  expect: { timeout: 15_000 },   // default wait for a visible state
  forbidOnly: !!process.env.CI,  // a stray test.only fails CI instead of skipping the rest
  retries: process.env.CI ? 1 : 0, // one retry in CI, with a trace to see why the first failed
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',     // screenshots (testInfo.outputPath) and traces land here
  use: {
    baseURL,
    headless: true,
    launchOptions: chromium,
    trace: 'on-first-retry',     // a trace of the retried run, viewable with npx playwright show-trace
    screenshot: 'only-on-failure', // plus the explicit screenshots the tests attach
    actionTimeout: 15_000,
    // The page's service worker (offline use) would answer requests before page.route() sees
    // them; tests that stub the network need it out of the way. The offline test allows it.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], channel: undefined, launchOptions: chromium },
    },
    {
      // The page on a phone-sized touch screen; only the tests tagged @phone (layout, drawing).
      name: 'phone',
      grep: /@phone/,
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
        launchOptions: chromium },
    },
  ],
  // The dev server (what `npm start` runs, without its setup and build steps).
  webServer: {
    command: `npx vite --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: false,  // always the server of this checkout, on this port
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
