// "Check the gradients": the engine compares, for a few parameters of each layer, the gradient
// backpropagation computed with the slope measured by nudging that parameter by ±ε and running
// the network again (a central difference). relative error = |backprop − numeric| /
// max(|backprop|, |numeric|): near 1e-7 in float32 when the backward code is right.
// gradient-check -> gradient-check {examples, epsilon, layers: [{index, kind, checks, maxRelativeError}]}.
import { FromWorker, RunState, ToWorker } from '../../engine/protocol.js';
import { h, num } from './dom.js';
import { formatNumber } from './numbers.js';

/** Pass (< 1e-3), borderline (< 1e-2) or fail: how far backprop and the measured slope differ. */
export function verdict(relativeError) {
  if (!(relativeError < 1e-2)) return 'fail';  // NaN fails too
  return relativeError < 1e-3 ? 'pass' : 'borderline';
}

const SYMBOL = { pass: '✓', borderline: '~', fail: '✗' };

/** @param {HTMLElement} panel  #gradcheck-panel  @param {object} extension (controller.js) */
export function createGradcheckPanel(panel, extension) {
  const t = (key, params) => extension.i18n.t(key, params);
  let result = null;   // the last gradient-check message
  let waiting = false;
  let failure = '';
  const el = {};

  const unsubscribe = [
    extension.on(FromWorker.GRADIENT_CHECK, (message) => {
      waiting = false;
      failure = '';
      result = message;
      render();
    }),
    extension.on(FromWorker.CONFIGURED, () => {
      result = null;
      render();
    }),
    extension.on(FromWorker.STATE, updateButton),
    extension.on(FromWorker.ERROR, (error) => {
      if (error.request !== ToWorker.GRADIENT_CHECK) return;
      waiting = false;
      failure = t('teach.gradcheck.failed', { message: error.message });
      render();
    }),
  ];

  function check() {
    waiting = true;
    failure = '';
    extension.send(ToWorker.GRADIENT_CHECK, { perLayer: 5, seed: 1 });
    render();
  }

  function updateButton() {
    if (!el.button) return;
    const run = extension.runState;
    el.button.disabled = waiting || !extension.dataReady || run === RunState.RUNNING || run === RunState.LOADING;
  }

  function render() {
    el.button = h('button', { type: 'button', id: 'gradcheck-button', on: { click: check } }, t('teach.gradcheck.button'));
    const status = waiting ? t('teach.gradcheck.running') : failure;
    panel.replaceChildren(
      h('h3', { id: 'gradcheck-heading' }, t('teach.gradcheck.title')),
      h('p', { class: 'hint' }, t('teach.gradcheck.intro')),
      h('div', { class: 'buttons' }, el.button),
      h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', id: 'gradcheck-status' }, status),
      result ? resultView(result) : '');
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-labelledby', 'gradcheck-heading');
    updateButton();
  }

  function resultView({ layers, examples, epsilon, minStep, maxStep, maxRelativeError }) {
    const body = layers.flatMap((layer) => {
      const mark = verdict(layer.maxRelativeError);
      const head = h('tr', { class: 'gradcheck-layer', 'data-layer': layer.index, 'data-verdict': mark },
        h('th', { scope: 'rowgroup', colspan: 4 }, t('teach.gradcheck.layer', { number: layer.index + 1, kind: layer.kind, count: layer.checks.length }),
          layer.redrawn > 0 ? ` ${t('teach.gradcheck.redrawn', { count: layer.redrawn })}` : ''),
        h('td', {}, num(layer.maxRelativeError, `gradcheck-max-${layer.index}`, 3)),
        h('td', {}, marker(mark)));
      const checks = layer.checks.map((c) => h('tr', { 'data-verdict': verdict(c.relativeError) },
        h('td', {}, c.name ?? String(c.parameter)),
        h('td', {}, num(c.backprop)),
        h('td', {}, num(c.numeric)),
        h('td', {}, num(c.step, undefined, 3)),
        h('td', {}, num(c.relativeError, undefined, 3)),
        h('td', {}, marker(verdict(c.relativeError)))));
      return [head, ...checks];
    });
    const overall = verdict(maxRelativeError);
    return h('div', { class: 'gradcheck-result' },
      h('p', { class: `verdict ${overall}`, 'data-testid': 'gradcheck-verdict', 'data-verdict': overall },
        marker(overall), ' ', t(`teach.gradcheck.summary.${overall}`, { error: formatNumber(maxRelativeError, 3) })),
      h('div', { class: 'data-table' }, h('table', { 'data-testid': 'gradcheck-table' },
        h('caption', {}, t('teach.gradcheck.caption', { examples, epsilon: formatNumber(epsilon), min: formatNumber(minStep), max: formatNumber(maxStep) })),
        h('thead', {}, h('tr', {},
          ['parameter', 'backprop', 'numeric', 'step', 'relativeError', 'result'].map((k) => h('th', { scope: 'col' }, t(`teach.gradcheck.col.${k}`))))),
        h('tbody', {}, body))),
      h('p', { class: 'hint' }, t('teach.gradcheck.meaning')));
  }

  function marker(mark) {
    return h('span', { class: `marker ${mark}` }, `${SYMBOL[mark]} ${t(`teach.gradcheck.${mark}`)}`);
  }

  render();
  return {
    render,
    repaint() {},
    destroy() {
      unsubscribe.forEach((off) => off());
    },
  };
}
