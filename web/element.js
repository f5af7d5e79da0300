// <mnist-playground>: the playground as a custom element. Each element has its own shadow root
// (markup and styles inside; nothing leaks in or out), its own training worker and its own state
// (web/app/controller.js), so any number of them can share a page. Attributes configure it (see
// ATTRIBUTES), DOM events report the run to the host (ready, progress, epoch, trained, error,
// statechange, settingschange, languagechange, lessonchange, threadschange), and methods drive it
// (train, pause, stop, predict, save, load...). The interface speaks the language of its `lang` attribute (en, zh; a tag such
// as zh-CN works too), else the browser's preferred one, else English; it changes live.
import { mountPlayground } from './app/controller.js';
import { playgroundStyles } from './views/styles.js';
import { parseControls } from './views/template.js';
import { defaultDataUrl, defaultEngineUrl } from './asset-base.js';
import { pickLanguage } from './i18n/index.js';

/** Attribute -> property name. Changing one takes effect at once. */
const ATTRIBUTES = {
  preset: 'preset',            // an engine preset id: mlp, cnn-small, cnn-strong, softmax, deep, classic
  settings: 'settings',        // every setting as a query string: model=...&lr=0.01&batch=64 (the page's URL form)
  epochs: 'epochs',            // epochs one Train trains
  dataset: 'dataset',          // a built-in dataset: mnist (default) | fashion-mnist
  controls: 'controls',        // full | compact | none | a list: data,settings,train,chart,files,samples,predictions,mistakes,weights,draw,bench
  autostart: 'autostart',      // boolean: train as soon as the data is ready
  theme: 'theme',              // light | dark | auto (the reader's prefers-color-scheme); styles only
  persist: 'persist',          // key of the trained model kept in IndexedDB; "off" keeps nothing
  'data-src': 'dataSrc',       // folder of the MNIST files (default: beside the module, ../data/mnist/;
                               // other datasets: its sibling folders, ../data/<dataset>/)
  'engine-src': 'engineSrc',   // folder of the engines (default: ../engine/ beside the module)
  build: 'build',              // auto | threads | simd | scalar
  threads: 'threads',          // threads the engine uses, 1..its maximum (default: all; the threaded
                               // build only, which runs on cross-origin isolated pages)
  'share-link': 'shareLink',   // show a link to these settings: its base URL ('' = this page's)
  lesson: 'lesson',            // a guided lesson to open (web/lessons/): neuron, weight-matrix, ... convolutions
};
// `lang` is observed too, but has no property here: HTMLElement's own `lang` mirrors it.
const LANG = 'lang';
// Changing these starts the playground afresh (new worker): they decide what it loads.
const REMOUNT = new Set(['data-src', 'engine-src', 'build', 'persist']);
const PIXELS = 784;
const NARROW = 600;  // CSS px: below this the element is laid out for a phone

export class MnistPlaygroundElement extends HTMLElement {
  static get observedAttributes() {
    return [...Object.keys(ATTRIBUTES), LANG];
  }

  #controller = null;
  #ready = null;      // {promise, resolve, reject} of the current (or next) mount
  #lifecycle = Promise.resolve();  // mounts and destroys, one after another
  #persistKey = null;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [playgroundStyles()];
    this.#ready = deferred();
  }

  connectedCallback() {
    // A property set before the element was defined hides the accessor: set it again through it.
    for (const property of Object.values(ATTRIBUTES)) {
      if (Object.prototype.hasOwnProperty.call(this, property)) {
        const value = this[property];
        delete this[property];
        this[property] = value;
      }
    }
    // Without a lang attribute the playground follows the browser's languages, also when they change.
    globalThis.addEventListener('languagechange', this.#onBrowserLanguage);
    this.#queue(() => this.#mountIfNeeded());
  }

  #onBrowserLanguage = () => {
    if (!this.hasAttribute(LANG)) this.#controller?.setLanguage(null);
  };

  disconnectedCallback() {
    globalThis.removeEventListener('languagechange', this.#onBrowserLanguage);
    // A move within the page disconnects and reconnects at once: only a real removal destroys.
    queueMicrotask(() => {
      if (!this.isConnected) this.destroy();
    });
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#controller || before === after) return;
    if (REMOUNT.has(name)) {
      this.destroy();
      this.#queue(() => this.#mountIfNeeded());
    } else if (name === 'controls') {
      this.#controller.showParts(this.#parts());
    } else if (name === 'theme') {
      this.#controller.themeChanged();
    } else if (name === LANG) {
      this.#controller.setLanguage(after);
    } else if (name === 'threads') {
      this.#controller.setThreads(threadCount(after));
    } else if (name === 'lesson') {
      this.#controller.showParts(this.#parts());
      this.#controller.openLesson(after || null);
    } else if (['preset', 'settings', 'epochs', 'dataset', 'share-link'].includes(name)) {
      this.#controller.applySettings(this.#settingsQuery());
    }
  }

  // ------------------------------------------------------------ the API

  /** Resolves when the data is loaded and a model is ready (rejects if loading failed). */
  get ready() { return this.#ready.promise; }
  /** loading | idle | running | paused | stopped | finished */
  get runState() { return this.#controller?.state ?? 'loading'; }
  /** The language the interface shows (en, zh): the lang attribute's, else the browser's. */
  get language() { return this.#controller?.language ?? pickLanguage(this.getAttribute(LANG)); }

  /** Trains `epochs` epochs: on from the current weights, or from fresh ones ({fromScratch: true}). */
  train(options) { this.#whenReady((c) => c.train(options)); }
  pause() { this.#whenReady((c) => c.pause()); }
  resume() { this.#whenReady((c) => c.resume()); }
  stop() { this.#whenReady((c) => c.stop()); }
  /** A fresh model from the same settings (same seed: the same initial weights). */
  reset() { this.#whenReady((c) => c.reset()); }

  /**
   * The model's 10 class probabilities for a 28x28 image (row-major, white ink on black as in
   * MNIST): floats in [0, 1], or bytes 0..255 (Uint8Array, or numbers above 1).
   * @returns {Promise<Float32Array>}
   */
  async predict(pixels) {
    const input = toUnitFloats(pixels);
    return (await this.#readyController()).predict(input);
  }
  /** @returns {Promise<Uint8Array>} the model file (the CLI's format: mnist-train --load reads it) */
  async save() { return (await this.#readyController()).save(); }
  /** @returns {Promise<Uint8Array>} the model as ONNX (opset 13; what mnist-train --export-onnx writes) */
  async exportOnnx() { return (await this.#readyController()).exportOnnx(); }
  /**
   * @param {'pytorch'|'keras'} framework
   * @returns {Promise<string>} the model as Python code, its weights loaded from exportOnnx()'s file
   */
  async exportCode(framework) { return (await this.#readyController()).exportCode(framework); }
  /** Replaces the model with a model file's (from save(), the page's Download, or mnist-train --save). */
  async load(bytes) {
    await (await this.#readyController()).load(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
  }
  /** Listens to one of the element's events; returns a function that stops listening. */
  on(event, listener) {
    const handler = (e) => listener(e.detail, e);
    this.addEventListener(event, handler);
    return () => this.removeEventListener(event, handler);
  }
  /** Ends the worker (and the engine in it) and empties the element. Safe to call twice. */
  destroy() {
    return this.#queue(async () => {
      const controller = this.#controller;
      if (!controller) return;
      this.#controller = null;
      releaseKey(this.#persistKey);
      this.#ready.reject(new Error('the playground was destroyed'));
      this.#ready = deferred();
      if (!this.isConnected) this.#ready.reject(new Error('the playground is not in a page'));
      await controller.destroy();
    });
  }

  // ------------------------------------------------------------ inside

  /** Runs mounts and destroys in order, so a remove-and-re-add never overlaps them. */
  #queue(step) {
    this.#lifecycle = this.#lifecycle.then(step, step);
    return this.#lifecycle;
  }

  #mountIfNeeded() {
    if (this.#controller || !this.isConnected) return;
    if (this.#ready.settled) this.#ready = deferred();
    this.#persistKey = claimKey(this.#persistKeyWanted());
    this.#controller = mountPlayground(this.shadowRoot, {
      engineUrl: this.#url('engine-src', defaultEngineUrl()),
      dataUrlFor: (dataset) => this.#dataUrl(dataset),
      build: this.getAttribute('build') || 'auto',
      threads: threadCount(this.getAttribute('threads')),
      settings: this.#settingsQuery(),
      parts: this.#parts(),
      lang: this.getAttribute(LANG),
      lesson: this.getAttribute('lesson'),
      persistKey: this.#persistKey,
      autostart: this.autostart,
      shareUrl: (query) => (this.hasAttribute('share-link') ? this.#shareUrl(query) : ''),
      onSettings: (query) => this.#emit('settingschange', { query }),
      emit: (name, detail) => {
        // A playground that failed and was started again by Reset is ready again: a new promise.
        if (name === 'ready') {
          if (this.#ready.settled) this.#ready = deferred();
          this.#ready.resolve();
        }
        if (name === 'error' && detail.fatal && !this.#ready.settled) {
          this.#ready.reject(Object.assign(new Error(detail.message), detail));
        }
        this.#emit(name, detail);
      },
    });
    // On a phone-sized element the settings start folded, so Train and the draw pad come first.
    if (this.clientWidth > 0 && this.clientWidth < NARROW) this.shadowRoot.getElementById('settings-details').open = false;
  }

  #emit(name, detail) {
    // `error` does not bubble: a host's window-level error handlers are for its own errors; nor
    // does `languagechange`, which the window fires when the browser's languages change.
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: name !== 'error' && name !== 'languagechange' }));
  }

  #whenReady(action) {
    this.#readyController().then(action, () => {});
  }

  async #readyController() {
    await this.#ready.promise;
    if (!this.#controller) throw new Error('the playground was destroyed');
    return this.#controller;
  }

  /**
   * A built-in dataset's folder. data-src names MNIST's; another dataset is its sibling when
   * data-src ends in /mnist/ (a copy of dist/data/), else at the package's own data/<id>/.
   */
  #dataUrl(dataset) {
    const mnist = this.#url('data-src', defaultDataUrl());
    if (dataset === 'mnist') return mnist;
    return mnist.endsWith('/mnist/') ? new URL(`../${dataset}/`, mnist).href : defaultDataUrl(dataset);
  }

  #url(attribute, fallback) {
    const value = this.getAttribute(attribute);
    // Relative attribute values are relative to the host page, as for any URL attribute.
    return value ? new URL(value.endsWith('/') ? value : `${value}/`, this.ownerDocument.baseURI).href : fallback;
  }

  #parts() {
    const { parts, unknown } = parseControls(this.getAttribute('controls'));
    if (unknown.length) console.warn(`<mnist-playground controls>: unknown part(s) ${unknown.join(', ')}`);
    // A lesson asked for by the host needs its panel, whatever the controls show.
    if (this.getAttribute('lesson')) parts.add('lessons');
    return parts;
  }

  /** preset first, then the settings string, then epochs (later ones win). */
  #settingsQuery() {
    const params = new URLSearchParams(this.getAttribute('settings') ?? '');
    const preset = this.getAttribute('preset');
    if (preset) params.set('preset', preset);
    const epochs = this.getAttribute('epochs');
    if (epochs) params.set('epochs', epochs);
    const dataset = this.getAttribute('dataset');
    if (dataset) params.set('dataset', dataset);
    return params.toString();
  }

  #persistKeyWanted() {
    const value = this.getAttribute('persist');
    if (value && ['off', 'none', 'false'].includes(value.toLowerCase())) return null;
    // Per page, so two pages of one site with the same widget keep their own models.
    const name = value || this.id || this.getAttribute('preset') || 'playground';
    return `${this.ownerDocument.location.pathname}#${name}`;
  }

  #shareUrl(query) {
    const page = this.ownerDocument;
    const url = new URL(this.getAttribute('share-link') || page.location.href, page.baseURI);
    url.search = query;
    return url.href;
  }
}

// Properties mirror the attributes (camelCase), strings as they are, autostart as a boolean.
for (const [attribute, property] of Object.entries(ATTRIBUTES)) {
  Object.defineProperty(MnistPlaygroundElement.prototype, property, {
    get() {
      return attribute === 'autostart'
        ? this.hasAttribute(attribute) && this.getAttribute(attribute) !== 'false' : this.getAttribute(attribute);
    },
    set(value) {
      if (attribute === 'autostart') this.toggleAttribute(attribute, Boolean(value));
      else if (value === null || value === undefined) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    },
  });
}

/** The threads attribute as a count: a whole number from 1, else null (all the engine has). */
function threadCount(value) {
  const count = Number(value);
  return value && Number.isInteger(count) && count >= 1 ? count : null;
}

function deferred() {
  const d = { settled: false };
  d.promise = new Promise((resolve, reject) => {
    d.resolve = (value) => { d.settled = true; resolve(value); };
    d.reject = (error) => { d.settled = true; reject(error); };
  });
  d.promise.catch(() => {});  // a failed load is reported by the `error` event; no unhandled rejection
  return d;
}

// Saved-model keys of the elements alive in this page: a second element that would use the same
// key (two widgets with the same preset and no id) gets its own, numbered, so neither overwrites
// the other's model.
const keysInUse = new Set();
function claimKey(wanted) {
  if (!wanted) return null;
  let key = wanted;
  for (let n = 2; keysInUse.has(key); n++) key = `${wanted}#${n}`;
  keysInUse.add(key);
  return key;
}
function releaseKey(key) {
  keysInUse.delete(key);
}

/** 784 values -> Float32Array in [0, 1]; bytes (or numbers above 1) are divided by 255. */
function toUnitFloats(pixels) {
  if (!pixels || pixels.length !== PIXELS) {
    throw new RangeError(`predict() takes ${PIXELS} pixels (28x28), got ${pixels?.length ?? 'none'}`);
  }
  const bytes = pixels instanceof Uint8Array || pixels instanceof Uint8ClampedArray ||
    Array.prototype.some.call(pixels, (v) => v > 1);
  const out = new Float32Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const v = Number(pixels[i]);
    if (!Number.isFinite(v)) throw new RangeError(`predict(): pixel ${i} is not a number`);
    out[i] = Math.min(1, Math.max(0, bytes ? v / 255 : v));
  }
  return out;
}

if (!customElements.get('mnist-playground')) customElements.define('mnist-playground', MnistPlaygroundElement);
