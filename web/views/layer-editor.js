// The layer list editor: the model as rows (one per spec token: type, its parameters, its
// activation), with move up/down and remove on each row and "Add layer" below, plus the spec text
// itself in an input that can be edited directly. Both edit the one state field `model` (its spec
// text, web/settings/state.js): this module turns rows into text and text into rows (web/settings/model-spec.js) and
// reports a new text through onChange. Whether the text makes a model is the engine's call: the
// page shows its configure message with showError(), right under the spec input.
//
// Every control is a native <select>, <input> or <button> with a label naming its row ("Layer 2
// filters"), so the editor works from the keyboard and with a screen reader; focus stays on the
// control the user was on when a change rebuilds the rows. Every word comes from the catalogues
// (layers.*, layer.type.*, activation.*); a change of language rebuilds the rows.
import {
  ACTIVATIONS, LAYER_TYPES, defaultLayer, formatSpec, insertionIndex, parseSpec,
} from '../settings/model-spec.js';

// The parameters each row type shows: [field, input attributes]; the label is layers.param.<field>
// and the row's description uses layers.describe.<field>.
export const PARAMS = {
  dense: [['units', { min: 1, max: 65536, step: 1 }]],
  conv: [['filters', { min: 1, max: 4096, step: 1 }], ['kernel', { min: 1, max: 64, step: 1 }],
    ['stride', { min: 1, max: 64, step: 1 }]],
  maxpool: [['size', { min: 1, max: 64, step: 1 }], ['stride', { min: 1, max: 64, step: 1 }]],
  avgpool: [['size', { min: 1, max: 64, step: 1 }], ['stride', { min: 1, max: 64, step: 1 }]],
  dropout: [['rate', { min: 0, max: 0.99, step: 0.05 }]],
  flatten: [],
  activation: [],
};
const HAS_ACTIVATION = new Set(['dense', 'conv', 'activation']);
const typeName = (t, type) => t(`layer.type.${type}`);
const activationName = (t, activation) => t(`activation.${activation.split(':')[0] || 'none'}`);

/** What a screen reader says for a row: "Layer 1: Dense, 256 units, ReLU". */
function describeLayer(t, layer, index) {
  const parts = [typeName(t, layer.type)];
  for (const [field] of PARAMS[layer.type]) {
    if (field === 'kernel') parts.push(t('layers.describe.kernel', { h: layer.kernelH, w: layer.kernelW }));
    else parts.push(t(`layers.describe.${field}`, { value: layer[field] }));
  }
  if (layer.type === 'conv') parts.push(t('layers.describe.padding', { padding: layer.padding }));
  if (HAS_ACTIVATION.has(layer.type) && layer.activation) parts.push(activationName(t, layer.activation));
  return t('layers.describe.row', { layer: index + 1, parts: parts.join(t('list.comma')) });
}

/**
 * @param {object} options
 * @param {HTMLElement} options.list         an <ol> for the rows
 * @param {HTMLSelectElement} options.addType  the type of layer "Add layer" adds
 * @param {HTMLButtonElement} options.addButton
 * @param {HTMLInputElement} options.specInput  the spec text
 * @param {HTMLElement} options.specError     where the engine's (or the parser's) message goes
 * @param {HTMLElement} options.note          says when the rows cannot show the text
 * @param {(text: string) => void} options.onChange  a new spec text
 * @param {ReturnType<import('../i18n/index.js').createI18n>} options.i18n
 */
export function createLayerEditor({ list, addType, addButton, specInput, specError, note, onChange, i18n }) {
  let text = '';
  let input = '';       // an input:... token, kept as it is
  let layers = [];
  let structure = '';   // the row types, to know when the rows must be rebuilt
  let parseError = '';
  let pendingFocus = '';  // data-key of the control to focus after the next rebuild

  const fieldLabel = (index, caption) => i18n.t('layers.control', { layer: index + 1, field: caption.toLowerCase() });
  function fillTypes() {
    const chosen = addType.value || 'conv';
    addType.replaceChildren(...LAYER_TYPES.map((type) => new Option(typeName(i18n.t, type), type)));
    addType.value = chosen;
  }
  fillTypes();

  function commit(nextLayers, focusKey) {
    const nextText = formatSpec(nextLayers, input);
    if (focusKey) pendingFocus = focusKey;
    onChange(nextText);
  }

  // ------------------------------------------------------------ rows
  // A row's handlers read the row's current values from `layers` (an edit that keeps the rows'
  // types updates the controls in place, so values captured when the row was built go stale).

  function control(key, label, element) {
    element.dataset.key = key;
    element.setAttribute('aria-label', label);
    return element;
  }

  function numberField(index, field, label, attrs, value, onValue, current) {
    const wrap = document.createElement('label');
    wrap.className = 'layer-param';
    const caption = document.createElement('span');
    caption.textContent = label;
    const el = control(`${index}:${field}`, fieldLabel(index, label), document.createElement('input'));
    Object.assign(el, { type: 'number', value: String(value) });
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    el.inputMode = attrs.step === 1 ? 'numeric' : 'decimal';
    el.addEventListener('change', () => {
      const v = Number(el.value);
      if (el.value === '' || !Number.isFinite(v)) {
        el.value = String(current());  // not a number: back to the row's value
        return;
      }
      onValue(v);
    });
    wrap.append(caption, el);
    return wrap;
  }

  function selectField(index, field, label, options, value, onValue) {
    const wrap = document.createElement('label');
    wrap.className = 'layer-param';
    const caption = document.createElement('span');
    caption.textContent = label;
    const el = control(`${index}:${field}`, fieldLabel(index, label), document.createElement('select'));
    el.replaceChildren(...options.map(([v, l]) => new Option(l, v)));
    // A value outside the list (leaky_relu with its own slope) is shown as it is.
    if (!options.some(([v]) => v === value)) el.append(new Option(value, value));
    el.value = value;
    el.addEventListener('change', () => onValue(el.value));
    wrap.append(caption, el);
    return wrap;
  }

  function setLayer(index, patch, focusKey) {
    const next = layers.map((l, i) => (i === index ? { ...l, ...patch } : l));
    commit(next, focusKey);
  }

  function rowElement(layer, index) {
    const { t } = i18n;
    const li = document.createElement('li');
    li.className = 'layer-row';
    li.dataset.type = layer.type;
    const number = document.createElement('span');
    number.className = 'layer-number';
    number.textContent = String(index + 1);
    number.setAttribute('aria-hidden', 'true');
    number.title = t(`layer.what.${layer.type}`);
    // The row's name for screen readers, read before its controls (the number is for the eye).
    const name = document.createElement('span');
    name.className = 'visually-hidden layer-name';
    name.textContent = describeLayer(t, layer, index);
    const fields = document.createElement('div');
    fields.className = 'layer-fields';
    li.append(name, number, fields);

    const typeOptions = LAYER_TYPES.map((type) => [type, typeName(t, type)]);
    fields.append(selectField(index, 'type', t('layers.param.type'), typeOptions, layer.type, (type) => {
      const next = [...layers];
      next[index] = defaultLayer(type);
      commit(next, `${index}:type`);
    }));
    for (const [field, attrs] of PARAMS[layer.type]) {
      const read = () => (field === 'kernel' ? layers[index].kernelH : layers[index][field]);
      fields.append(numberField(index, field, t(`layers.param.${field}`), attrs, read(), (v) => {
        const now = layers[index];
        if (field === 'kernel') setLayer(index, { kernelH: v, kernelW: v });
        // A pool's stride follows its size unless it was set apart from it.
        else if (field === 'size' && now.stride === now.size) setLayer(index, { size: v, stride: v });
        else setLayer(index, { [field]: v });
      }, read));
    }
    if (layer.type === 'conv') {
      fields.append(selectField(index, 'padding', t('layers.param.padding'), [['valid', 'valid'], ['same', 'same']], layer.padding,
        (padding) => setLayer(index, { padding })));
    }
    if (HAS_ACTIVATION.has(layer.type)) {
      const options = (layer.type === 'activation' ? ACTIVATIONS.filter((v) => v) : ACTIVATIONS)
        .map((v) => [v, activationName(t, v)]);
      fields.append(selectField(index, 'activation', t(layer.type === 'activation' ? 'layers.param.function' : 'layers.param.activation'), options,
        layer.activation, (activation) => setLayer(index, { activation })));
    }
    if (index === layers.length - 1 && layer.type === 'dense') {
      const what = document.createElement('span');
      what.className = 'layer-what';
      what.textContent = t('layers.output');
      fields.append(what);
    }

    const tools = document.createElement('span');
    tools.className = 'layer-tools';
    const button = (key, symbol, label, disabled, action) => {
      const b = control(`${index}:${key}`, label, document.createElement('button'));
      b.type = 'button';
      b.className = 'secondary icon';
      b.textContent = symbol;
      b.title = label;
      b.disabled = disabled;
      b.addEventListener('click', action);
      return b;
    };
    tools.append(
      button('up', '↑', t('layers.moveUp', { layer: index + 1 }), index === 0, () => move(index, -1)),
      button('down', '↓', t('layers.moveDown', { layer: index + 1 }), index === layers.length - 1, () => move(index, 1)),
      button('remove', '✕', t('layers.remove', { layer: index + 1 }), layers.length <= 1, () => remove(index)),
    );
    li.append(tools);
    return li;
  }

  function move(index, delta) {
    const to = index + delta;
    if (to < 0 || to >= layers.length) return;
    const next = [...layers];
    [next[index], next[to]] = [next[to], next[index]];
    // Keep focus on the same button of the moved row, or on the other one at the end of the list.
    const key = (to === 0 && delta < 0) ? `${to}:down` : (to === next.length - 1 && delta > 0) ? `${to}:up`
      : `${to}:${delta < 0 ? 'up' : 'down'}`;
    commit(next, key);
  }

  function remove(index) {
    if (layers.length <= 1) return;
    const next = layers.filter((_, i) => i !== index);
    commit(next, next.length ? `${Math.min(index, next.length - 1)}:remove` : 'add');
  }

  addButton.addEventListener('click', () => {
    const type = addType.value;
    const at = insertionIndex(layers, type);
    const next = [...layers.slice(0, at), defaultLayer(type), ...layers.slice(at)];
    commit(next, `${at}:type`);
  });

  // The focused element as seen from the list's own tree (a shadow root hides it from document).
  const focusedElement = () => list.getRootNode().activeElement;

  function renderRows() {
    const active = focusedElement();
    const focused = active && list.contains(active) ? active.dataset.key : '';
    const nextStructure = layers.map((l) => l.type).join(',');
    if (nextStructure === structure && list.children.length === layers.length) {
      // Same rows: update values in place, so focus and a half-typed number are left alone.
      layers.forEach((layer, index) => {
        list.children[index].querySelector('.layer-name').textContent = describeLayer(i18n.t, layer, index);
        for (const el of list.children[index].querySelectorAll('[data-key]')) {
          const field = el.dataset.key.split(':')[1];
          if (el === active || el.tagName === 'BUTTON') continue;
          const value = field === 'kernel' ? layer.kernelH : layer[field];
          if (value !== undefined && el.value !== String(value)) {
            if (el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === String(value))) {
              el.append(new Option(String(value), String(value)));
            }
            el.value = String(value);
          }
        }
      });
    } else {
      structure = nextStructure;
      list.replaceChildren(...layers.map(rowElement));
    }
    const key = pendingFocus || focused;
    pendingFocus = '';
    if (key === 'add') addButton.focus();
    else if (key) {
      const target = list.querySelector(`[data-key="${key}"]`);
      if (target && target !== focusedElement()) (target.disabled ? target.closest('li')?.querySelector('select') : target)?.focus();
    }
  }

  // ------------------------------------------------------------ the spec text

  specInput.addEventListener('change', () => onChange(specInput.value.trim()));
  specInput.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {  // back to the model as it is
      specInput.value = text;
      showParseState();
    }
  });

  function showParseState() {
    note.hidden = !parseError;
    note.textContent = parseError ? i18n.t('layers.cannotShow', { error: parseError }) : '';
    list.hidden = Boolean(parseError);
    addButton.disabled = Boolean(parseError);
  }

  // Another language: the rows are built again in it (focus stays on the same control).
  i18n.onChange(() => {
    fillTypes();
    structure = '';
    if (!parseError) renderRows();
    showParseState();
  });

  return {
    /** Shows the model `nextText` (the state's spec). */
    render(nextText) {
      text = nextText;
      // The input commits on change (Enter or leaving it), so between commits it shows the state.
      if (specInput.value !== text) specInput.value = text;
      const parsed = parseSpec(text);
      parseError = parsed.error;
      if (!parsed.error) {
        layers = parsed.layers;
        input = parsed.input;
        renderRows();
      }
      showParseState();
    },
    /** The engine's (or the parser's) message about the current spec, '' when it is fine. */
    showError(message) {
      specError.textContent = message;
      if (message) specInput.setAttribute('aria-invalid', 'true');
      else specInput.removeAttribute('aria-invalid');
    },
    get text() { return text; },
  };
}
