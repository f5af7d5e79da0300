// Embedding under a strict Content Security Policy: no 'unsafe-eval', only 'wasm-unsafe-eval'
// (the engine is linked with -sDYNAMIC_EXECUTION=0, so Embind builds no code with new Function).
// The policy is put in the page as a <meta> tag, as an embedding page would, and also sent as a
// header with every script, because a worker takes its policy from its own script's response,
// not from the page: that is what makes the worker (where the engine runs) strict too.
// Zero violations are allowed, counted three ways: the console of the page and of every worker,
// `securitypolicyviolation` events in the page (listening before any of its scripts runs), and
// the same events in the training worker (a listener put at the top of its script as served).
// Then two probes show the policy is really in force: dynamic code is refused in the page and in
// a worker started like ours, and each refusal is counted (so zero before means none happened).
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';
import { ISOLATION } from './host-page.js';

const CSP = "script-src 'self' 'wasm-unsafe-eval'";

// Put at the top of the training worker's script: its violations reach the worker's console.
const WORKER_LISTENER = "self.addEventListener('securitypolicyviolation', (e) => console.error(" +
  "`securitypolicyviolation in the worker: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));\n";

test('a page with a strict CSP (no unsafe-eval) trains with no violation at all', async ({ page }, testInfo) => {
  const violations = [];
  const watch = (where) => (message) => {
    if (/Content Security Policy|Refused to|securitypolicyviolation/i.test(message.text())) {
      violations.push(`${where}: ${message.text()} (${message.location().url})`);
    }
  };
  page.on('console', watch('page console'));
  page.on('worker', (worker) => worker.on('console', watch(`worker console ${worker.url()}`)));
  await page.addInitScript(() => {
    window.__cspEvents = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspEvents.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  // Probes: scripts from this origin that try dynamic code and report whether the policy let
  // them (page.evaluate itself is exempt from CSP, so it cannot be the probe). They carry the
  // dev server's isolation headers as its scripts do: an isolated page's worker needs them.
  const probeHeaders = { 'content-security-policy': CSP, ...ISOLATION };
  const probe = "let r; try { new Function('return 1')(); r = 'allowed'; } catch (e) { r = e.name; }";
  await page.route('**/__csp-probe.js', (route) => route.fulfill({
    contentType: 'text/javascript', headers: probeHeaders,
    body: `${probe} document.documentElement.dataset.cspProbe = r;`,
  }));
  await page.route('**/__csp-worker-probe.js', (route) => route.fulfill({
    contentType: 'text/javascript', headers: probeHeaders,
    body: `${WORKER_LISTENER}${probe} postMessage(r);`,
  }));
  let workerListened = false;
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (!request.url().startsWith(testInfo.project.use.baseURL) || request.url().includes('__csp-')) {
      return route.fallback();
    }
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': CSP };
    const type = headers['content-type'] ?? '';
    if (type.includes('text/html')) {
      const html = (await response.text()).replace('<head>',
        `<head>\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
      return route.fulfill({ response, headers, body: html });
    }
    if (new URL(request.url()).pathname.endsWith('/engine/worker.js')) {
      workerListened = true;
      return route.fulfill({ response, headers, body: WORKER_LISTENER + await response.text() });
    }
    return route.fulfill({ response, headers });
  });
  const pageEvents = () => page.evaluate(() => window.__cspEvents);

  const app = await new Playground(page).open('preset=mlp');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP);
  await app.waitForData();
  expect(workerListened).toBe(true);
  // The dev server's pages are cross-origin isolated: the threaded engine, its pthreads' Web
  // Workers included, runs under the policy too.
  await expect(page.locator('#build-badge')).toHaveAttribute('data-build', 'threads');
  await app.trainButton().click();
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(3000);
  await expect(page.locator('#loss-value')).toHaveText(/^\d+\.\d+$/);
  await app.button('Stop').click();
  await expect(page.getByText(/^Test accuracy: /)).toBeVisible();
  const accuracy = Number(await page.locator('#test-accuracy').getAttribute('data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.85);
  await app.screenshot(testInfo, 'strict-csp');
  // The app: not one violation, in the page or in its worker.
  expect(violations).toEqual([]);
  expect(await pageEvents()).toEqual([]);

  // The policy is in force on the page and in a worker started like ours: dynamic code is
  // refused, and each refusal is seen (so zero above means none happened).
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/__csp-probe.js';
    document.head.append(script);
  });
  await expect(page.locator('html')).toHaveAttribute('data-csp-probe', 'EvalError');
  const workerProbe = await page.evaluate(() => new Promise((resolve) => {
    const probeWorker = new Worker('/__csp-worker-probe.js', { type: 'module' });
    probeWorker.onmessage = (event) => { resolve(event.data); probeWorker.terminate(); };
  }));
  expect(workerProbe).toBe('EvalError');
  // (One page event per policy in force: the page has two, its <meta> and its header. Playwright
  // hears a worker's console in the page's console too.)
  await expect.poll(async () => (await pageEvents()).length).toBeGreaterThan(0);
  await expect.poll(() => violations.filter((v) => v.includes('securitypolicyviolation in the worker')).length).toBeGreaterThan(0);
  expect((await pageEvents()).filter((e) => !e.includes('/__csp-probe.js:'))).toEqual([]);
  expect(violations.filter((v) => !v.includes('/__csp-worker-probe.js'))).toEqual([]);
  // (The dev server's hot-reload WebSocket is refused for a page whose responses the test
  // fulfilled itself: Chromium's local-network checks. Those messages are Vite's, not the app's.)
  expect(app.errors.filter((e) => !/Content Security Policy|securitypolicyviolation|WebSocket|\[vite\]/i.test(e))).toEqual([]);
});
