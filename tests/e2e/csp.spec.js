// Embedding under a strict Content Security Policy: no 'unsafe-eval', only 'wasm-unsafe-eval'
// (the engine is linked with -sDYNAMIC_EXECUTION=0, so Embind builds no code with new Function).
// The policy is put in the page as a <meta> tag, as an embedding page would, and also sent as a
// header with every script, because a worker takes its policy from its own script's response,
// not from the page: that is what makes the worker (where the engine runs) strict too.
import { test, expect } from '@playwright/test';
import { Playground } from './helpers.js';

const CSP = "script-src 'self' 'wasm-unsafe-eval'";

test('a page with a strict CSP (no unsafe-eval) still trains', async ({ page }, testInfo) => {
  const violations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // Probes: scripts from this origin that try dynamic code and report whether the policy let
  // them (page.evaluate itself is exempt from CSP, so it cannot be the probe).
  const probe = "let r; try { new Function('return 1')(); r = 'allowed'; } catch (e) { r = e.name; }";
  await page.route('**/__csp-probe.js', (route) => route.fulfill({
    contentType: 'text/javascript', headers: { 'content-security-policy': CSP },
    body: `${probe} document.documentElement.dataset.cspProbe = r;`,
  }));
  await page.route('**/__csp-worker-probe.js', (route) => route.fulfill({
    contentType: 'text/javascript', headers: { 'content-security-policy': CSP },
    body: `${probe} postMessage(r);`,
  }));
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
    return route.fulfill({ response, headers });
  });

  const app = await new Playground(page).open('preset=mlp');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP);
  // The policy is in force on the page and in a worker started like ours: dynamic code is refused.
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
  await app.waitForData();

  await app.trainButton().click();
  await expect.poll(() => app.samplesSeen()).toBeGreaterThan(3000);
  await expect(app.counter('Loss')).toHaveText(/^\d+\.\d+$/);
  await app.button('Stop').click();
  await expect(page.getByText(/^Test accuracy: /)).toBeVisible();
  const accuracy = Number(await page.locator('#test-accuracy').getAttribute('data-accuracy'));
  expect(accuracy).toBeGreaterThan(0.85);
  await app.screenshot(testInfo, 'strict-csp');
  // The only violations are the two probes', none from the app.
  expect(violations.length).toBeLessThanOrEqual(2);
  // (The dev server's hot-reload WebSocket is refused for a page whose responses the test
  // fulfilled itself: Chromium's local-network checks. Those messages are Vite's, not the app's.)
  expect(app.errors.filter((e) => !/Content Security Policy|WebSocket|\[vite\]/i.test(e))).toEqual([]);
});
