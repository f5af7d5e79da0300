// The layer list editor: the model as rows (one per spec token: its kind, its parameters, its
// activation), with move up/down and remove on each row and "Add layer" below, plus the spec text
// itself in an input that can be edited directly. Both edit the one state field `model` (its spec
// text, web/settings/state.js). The engine reads and writes the text: this module shows the rows
// the engine parsed (render) and hands edited rows back (onRows) for the engine to write, and
// shows the engine's message about a spec it cannot read (showError, right under the spec input).
// Kinds, parameters and activations come from the engine's grammar (web/views/layer-fields.js),
// so a layer kind added in C++ gets its menu entry and fields here without a JS edit.
//
// Every control is a native <select>, <input> or <button> with a label naming its row ("Layer 2
// filters"), so the editor works from the keyboard and with a screen reader; focus stays on the
// control the user was on when a change rebuilds the rows. Every word comes from the catalogues
// (layers.*, layer.type.*, layer.what.*, activation.*), or the engine's English for a name they
// do not know yet; a change of language rebuilds the rows.
import { initialRow, insertionIndex, labelOr, layerKind } from '../settings/grammar.js';
import { describeRow, fieldValue, kindOptions, rowFields } from './layer-fields.js';

/**
 * @param {object} options
 * @param {HTMLElement} options.list         an <ol> for the rows
 * @param {HTMLSelectElement} options.addType  the kind of layer "Add layer" adds
 * @param {HTMLButtonElement} options.addButton
 * @param {HTMLInputElement} options.specInput  the spec text
 * @param {HTMLElement} options.specError     where the engine's message goes
 * @param {HTMLElement} options.note          says when the rows cannot show the text
 * @param {(text: string) => void} options.onChange  a new spec text typed in
 * @param {(rows: object[], input: string) => void} options.onRows  rows edited: the engine writes them
 * @param {ReturnType<import('../i18n/index.js').createI18n>} options.i18n
 */
export function createLayerEditor({ list, addType, addButton, specInput, specError, note, onChange, onRows, i18n }) {
  let text = '';
  let input = '';       // the input token's value, kept as it is
  let layers = [];      // the engine's rows for `text`
  let structure = '';   // the rows' kinds, to know when the rows must be rebuilt
  let parseError = '';
  let pendingFocus = '';  // data-key of the control to focus after the next rebuild

  const fieldLabel = (index, caption) => i18n.t('layers.control', { layer: index + 1, field: caption.toLowerCase() });
  function fillTypes() {
    const chosen = addType.value || 'conv';
    addType.replaceChildren(...kindOptions(i18n).map(([value, label]) => new Option(label, value)));
    addType.value = chosen;
    if (!addType.value) addType.selectedIndex = 0;
  }
  fillTypes();

  function commit(nextLayers, focusKey) {
    if (focusKey) pendingFocus = focusKey;
    onRows(nextLayers, input);
  }

  // ------------------------------------------------------------ rows
  // A row's handlers read the row's current values from `layers` (an edit that keeps the rows'
  // kinds updates the controls in place, so values captured when the row was built go stale).

  function control(key, label, element) {
    element.dataset.key = key;
    element.setAttribute('aria-label', label);
    return element;
  }

  function labelled(label, element) {
    const wrap = document.createElement('label');
    wrap.className = 'layer-param';
    const caption = document.createElement('span');
    caption.textContent = label;
    wrap.append(caption, element);
    return wrap;
  }

  function numberField(index, field, label, attrs, value, onValue, current) {
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
    return labelled(label, el);
  }

  function selectField(index, field, label, options, value, onValue) {
    const el = control(`${index}:${field}`, fieldLabel(index, label), document.createElement('select'));
    el.replaceChildren(...options.map(([v, l]) => new Option(l, v)));
    // A value outside the list (leaky_relu with its own slope) is shown as it is.
    if (!options.some(([v]) => v === value)) el.append(new Option(value, value));
    el.value = value;
    el.addEventListener('change', () => onValue(el.value));
    return labelled(label, el);
  }

  /** The row with parameter `name` set; parameters that followed its old value follow it. */
  function withParam(row, name, value) {
    const params = { ...row.params, [name]: value };
    for (const p of layerKind(row.kind).params) {
      if (p.defaultFrom === name && row.params[p.name] === row.params[name]) params[p.name] = value;
    }
    return { ...row, params };
  }

  function setLayer(index, row, focusKey) {
    commit(layers.map((l, i) => (i === index ? row : l)), focusKey);
  }

  /** What a new value of `field` in row `index` does to the rows. */
  function onField(index, field) {
    if (field === 'type') return (kind) => setLayer(index, initialRow(kind), `${index}:type`);
    if (field === 'activation') return (activation) => setLayer(index, { ...layers[index], activation });
    // A kernel field sets a square kernel.
    const kernel = layerKind(layers[index].kind).params.find((p) => p.name === field)?.type === 'kernel';
    return (value) => setLayer(index, withParam(layers[index], field, kernel ? [value, value] : value));
  }

  function fieldElement(index, f) {
    const onValue = onField(index, f.field);
    if (f.control === 'select') return selectField(index, f.field, f.label, f.options, f.value, onValue);
    return numberField(index, f.field, f.label, f.attrs, f.value, onValue, () => fieldValue(layers[index], f.field));
  }

  function rowElement(layer, index) {
    const { t } = i18n;
    const li = document.createElement('li');
    li.className = 'layer-row';
    li.dataset.type = layer.kind;
    const number = document.createElement('span');
    number.className = 'layer-number';
    number.textContent = String(index + 1);
    number.setAttribute('aria-hidden', 'true');
    number.title = labelOr(i18n, `layer.what.${layer.kind}`, layerKind(layer.kind).what);
    // The row's name for screen readers, read before its controls (the number is for the eye).
    const name = document.createElement('span');
    name.className = 'visually-hidden layer-name';
    name.textContent = describeRow(i18n, layer, index);
    const fields = document.createElement('div');
    fields.className = 'layer-fields';
    li.append(name, number, fields);

    fields.append(...rowFields(i18n, layer).map((f) => fieldElement(index, f)));
    if (index === layers.length - 1 && layer.kind === 'dense') {
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
    const kind = addType.value;
    const at = insertionIndex(layers, kind);
    commit([...layers.slice(0, at), initialRow(kind), ...layers.slice(at)], `${at}:type`);
  });

  // The focused element as seen from the list's own tree (a shadow root hides it from document).
  const focusedElement = () => list.getRootNode().activeElement;

  // Same rows: values updated in place, so focus and a half-typed number are left alone.
  function updateRows(active) {
    layers.forEach((layer, index) => {
      list.children[index].querySelector('.layer-name').textContent = describeRow(i18n, layer, index);
      for (const el of list.children[index].querySelectorAll('[data-key]')) {
        if (el === active || el.tagName === 'BUTTON') continue;
        const value = fieldValue(layer, el.dataset.key.split(':')[1]);
        if (value === undefined || el.value === String(value)) continue;
        if (el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === String(value))) {
          el.append(new Option(String(value), String(value)));
        }
        el.value = String(value);
      }
    });
  }

  function renderRows() {
    const active = focusedElement();
    const focused = active && list.contains(active) ? active.dataset.key : '';
    const nextStructure = layers.map((l) => l.kind).join(',');
    if (nextStructure === structure && list.children.length === layers.length) {
      updateRows(active);
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
    /**
     * Shows the model `nextText` (the state's spec) with the engine's `answer` about it
     * (SpecParsedMessage); without one yet, the rows stay as they are until it comes.
     */
    render(nextText, answer) {
      text = nextText;
      // The input commits on change (Enter or leaving it), so between commits it shows the state.
      if (specInput.value !== text) specInput.value = text;
      if (!answer) return;
      parseError = answer.error;
      if (!answer.error) {
        layers = answer.rows;
        input = answer.input;
        renderRows();
      }
      showParseState();
    },
    /** The engine's message about the current spec, '' when it is fine. */
    showError(message) {
      specError.textContent = message;
      if (message) specInput.setAttribute('aria-invalid', 'true');
      else specInput.removeAttribute('aria-invalid');
    },
    get text() { return text; },
  };
}
