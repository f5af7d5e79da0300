// A host page of the tests' own, as someone embedding the playground would write it: plain HTML
// that loads the element as a module script and places <mnist-playground> elements, served
// under a strict Content Security Policy (no unsafe-eval, no inline scripts or styles). The
// policy goes on every response of the origin, since a worker takes its policy from its own
// script's response. Every CSP violation of the page and its workers is counted.
import { expect } from '@playwright/test';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self' ws:; worker-src 'self'";

/** The headers that make a page cross-origin isolated (SharedArrayBuffer: the threaded engine). */
export const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/**
 * Serves `body` (HTML for inside <body>) at /__host.html with the element's module loaded; with
 * `isolated`, the host page is cross-origin isolated (the dev server sends every other file so).
 * @returns {Promise<{violations: string[]}>}  violations grows as they happen
 */
export async function openHostPage(page, baseURL, body, { csp = STRICT_CSP, path = '/__host.html', isolated = false } = {}) {
  const violations = [];
  const watch = (source) => (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${source}: ${message.text()}`);
  };
  page.on('console', watch('page'));
  page.on('worker', (worker) => worker.on('console', watch('worker')));
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (!request.url().startsWith(baseURL)) return route.fallback();
    const url = new URL(request.url());
    if (url.pathname === path) {
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { ...(csp ? { 'content-security-policy': csp } : {}), ...(isolated ? ISOLATION : {}) },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="/web/index.js"></script></head><body><h1>A host page</h1>${body}</body></html>`,
      });
    }
    try {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      if (csp) headers['content-security-policy'] = csp;
      return await route.fulfill({ response, headers });
    } catch (err) {
      // The test navigated or closed the page while this request was in flight: nobody waits for it.
      if (/disposed|closed/i.test(err.message)) return undefined;
      // The server dropped the connection (a reload aborted the request): the page sees the same
      // network failure it would see without the proxy.
      if (/ECONNRESET/.test(err.message)) return route.abort('connectionreset').catch(() => undefined);
      throw err;
    }
  });
  await page.goto(path);
  // securitypolicyviolation events on the page (a refused inline style shows up here too).
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { violations };
}

/** Violations seen so far by the page's own listener. */
export async function pageViolations(page) {
  return page.evaluate(() => window.__violations ?? []);
}

/** Records the element's events (name, time and detail) from now on, in order. */
export async function recordEvents(page, id) {
  await page.evaluate((elementId) => {
    window.__events ??= {};
    const list = [];
    window.__events[elementId] = list;
    const element = document.getElementById(elementId);
    for (const name of ['ready', 'progress', 'epoch', 'trained', 'error', 'statechange']) {
      element.addEventListener(name, (event) => list.push({
        name, t: performance.now(), detail: JSON.parse(JSON.stringify(event.detail ?? null)),
      }));
    }
  }, id);
}

export async function events(page, id) {
  return page.evaluate((elementId) => window.__events[elementId], id);
}

/** One playground on the page: locators inside its shadow root and its API. */
export class Widget {
  constructor(page, id) {
    this.page = page;
    this.id = id;
    this.root = page.locator(`#${id}`);
  }

  button(name) {
    return this.root.getByRole('button', { name, exact: true });
  }

  async waitForReady() {
    await expect(this.root.getByRole('status').filter({ hasText: 'MNIST ready' })).toBeVisible({ timeout: 60_000 });
    await this.page.evaluate((id) => document.getElementById(id).ready, this.id);
  }

  /** The test accuracy the element shows, as a number in [0, 1] (waits for it). */
  async testAccuracy() {
    const line = this.root.locator('#test-accuracy');
    await expect(line).toHaveAttribute('data-accuracy', /\d/, { timeout: 120_000 });
    return Number(await line.getAttribute('data-accuracy'));
  }

  /** Calls one of the element's API methods in the page; returns its (awaited) result as JSON-able. */
  async call(method, ...args) {
    return this.page.evaluate(async ({ id, method: name, args: list }) => {
      const result = await document.getElementById(id)[name](...list);
      return result instanceof Uint8Array || result instanceof Float32Array ? Array.from(result) : result;
    }, { id: this.id, method, args });
  }

  /** Probabilities the model gives a 28x28 image (bytes 0..255). */
  async predict(pixels) {
    return this.call('predict', Array.from(pixels));
  }
}
