// The controls of one row of the layer editor, as data: which fields a row of each kind has, their
// labels, menus and number ranges, all read from the engine's grammar (web/settings/grammar.js).
// web/views/layer-editor.js turns them into elements; a kind the engine adds gets its fields here
// with no JS edit. No DOM here.
import { engineGrammar, labelOr, layerKind } from '../settings/grammar.js';

/** A kind's name in the interface's language (the engine's English when the catalogue lacks it). */
export const kindLabel = (i18n, kind) => labelOr(i18n, `layer.type.${kind}`, layerKind(kind)?.label ?? kind);

/** An activation's name ('' none; 'leaky_relu:0.2' is named by its function). */
export function activationLabel(i18n, activation) {
  const name = activation.split(':')[0];
  if (!name) return i18n.t('activation.none');
  const info = engineGrammar().activations.find((a) => a.name === name);
  return labelOr(i18n, `activation.${name}`, info?.label ?? name);
}

/** The "Add layer" and type menus: [[kind, label], ...] in the engine's order. */
export const kindOptions = (i18n) => engineGrammar().kinds.map((k) => [k.name, kindLabel(i18n, k.name)]);

// The number input's attributes for a parameter: a float stays below its max (dropout < 1).
function numberAttributes(param) {
  if (param.type === 'float') return { min: param.min, max: Number((param.max - 0.01).toFixed(2)), step: 0.05 };
  return { min: param.min, max: param.max, step: 1 };
}

/** A row's value for a field: type, activation or a parameter (a kernel by its height). */
export function fieldValue(row, field) {
  if (field === 'type') return row.kind;
  if (field === 'activation') return row.activation;
  const value = row.params[field];
  return Array.isArray(value) ? value[0] : value;
}

function paramField(i18n, row, param) {
  const common = { field: param.name, label: labelOr(i18n, `layers.param.${param.name}`, param.name),
    value: fieldValue(row, param.name) };
  if (param.type === 'choice') return { ...common, control: 'select', options: param.choices.map((c) => [c, c]) };
  return { ...common, control: 'number', attrs: numberAttributes(param) };
}

function activationField(i18n, row, kind) {
  const names = engineGrammar().activations.map((a) => a.name);
  return {
    field: 'activation', control: 'select', value: row.activation,
    label: i18n.t(kind.bareActivation ? 'layers.param.function' : 'layers.param.activation'),
    options: (kind.bareActivation ? names : ['', ...names]).map((v) => [v, activationLabel(i18n, v)]),
  };
}

/**
 * The fields of `row`, in order: its type, its parameters, its activation.
 * @returns {{field: string, label: string, control: 'select'|'number', value: *, options?: string[][],
 *   attrs?: object}[]}
 */
export function rowFields(i18n, row) {
  const kind = layerKind(row.kind);
  const type = { field: 'type', control: 'select', label: i18n.t('layers.param.type'), value: row.kind,
    options: kindOptions(i18n) };
  return [
    type,
    ...kind.params.map((p) => paramField(i18n, row, p)),
    ...(kind.takesActivation ? [activationField(i18n, row, kind)] : []),
  ];
}

/** "256 units", "5×5 kernel", "same padding"; a parameter the catalogue lacks: "name value". */
function describeParam(i18n, name, value) {
  const [h, w] = Array.isArray(value) ? value : [value, value];
  const key = `layers.describe.${name}`;
  return i18n.has(key) ? i18n.t(key, { value, h, w, [name]: value }) : `${name} ${value}`;
}

/** What a screen reader says for a row: "Layer 1: Dense, 256 units, ReLU". */
export function describeRow(i18n, row, index) {
  const parts = [kindLabel(i18n, row.kind)];
  for (const p of layerKind(row.kind)?.params ?? []) parts.push(describeParam(i18n, p.name, row.params[p.name]));
  if (row.activation) parts.push(activationLabel(i18n, row.activation));
  return i18n.t('layers.describe.row', { layer: index + 1, parts: parts.join(i18n.t('list.comma')) });
}
