// createPlayground(target, options): the programmatic face of <mnist-playground>. `target` is an
// existing element, or a container to create one in; options are the attributes in camelCase.
// Returns a small object whose methods drive that one playground.
import { MnistPlaygroundElement } from './element.js';

const OPTION_ATTRIBUTES = {
  preset: 'preset', settings: 'settings', epochs: 'epochs', controls: 'controls', autostart: 'autostart',
  theme: 'theme', persist: 'persist', dataSrc: 'data-src', engineSrc: 'engine-src', build: 'build', threads: 'threads',
  shareLink: 'share-link', lang: 'lang', lesson: 'lesson',
};

/**
 * @param {HTMLElement} target  a <mnist-playground>, or the element to create one in
 * @param {object} [options]    preset, settings, epochs, controls, autostart, theme, lang, lesson, persist, dataSrc, engineSrc, build, threads
 */
export function createPlayground(target, options = {}) {
  if (!(target instanceof HTMLElement)) throw new TypeError('createPlayground() needs an element to mount in');
  const element = target instanceof MnistPlaygroundElement ? target : target.ownerDocument.createElement('mnist-playground');
  for (const [name, value] of Object.entries(options)) {
    const attribute = OPTION_ATTRIBUTES[name];
    if (!attribute) throw new TypeError(`createPlayground(): unknown option "${name}"`);
    if (name === 'persist' && (value === false || value === null)) element.setAttribute(attribute, 'off');
    else if (value === false || value === null || value === undefined) element.removeAttribute(attribute);
    else element.setAttribute(attribute, value === true ? '' : String(value));
  }
  if (element !== target) target.append(element);
  return {
    element,
    get ready() { return element.ready; },
    train: (trainOptions) => element.train(trainOptions),
    pause: () => element.pause(),
    resume: () => element.resume(),
    stop: () => element.stop(),
    reset: () => element.reset(),
    predict: (pixels) => element.predict(pixels),
    save: () => element.save(),
    exportOnnx: () => element.exportOnnx(),
    exportCode: (framework) => element.exportCode(framework),
    load: (bytes) => element.load(bytes),
    on: (event, listener) => element.on(event, listener),
    /** Ends the worker and frees the engine; the element is removed if this call created it. */
    async destroy() {
      await element.destroy();
      if (element !== target) element.remove();
    },
  };
}
