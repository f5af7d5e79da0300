// The model-spec grammar as the engine describes it (bindings/spec_bindings.cpp, carried by the
// worker's `ready`): its layer kinds with their parameters, its activations, and the names of its
// losses, optimizers, initializers and schedules. The page keeps no list of its own: the layer
// editor and the settings menus are built from this, so a kind added in C++ shows up here.
// Rows are the engine's: {kind, params: {name: value}, activation}, a kernel's value [h, w].
// Only helpers that need no parsing live here; text <-> rows is always the engine's job
// (parse-spec). No DOM here.

const EMPTY = Object.freeze({
  kinds: [], activations: [], losses: [], optimizers: [], initializers: [], schedules: [],
});
let grammar = EMPTY;

/** Makes the engine's grammar (from `ready`) the page's. */
export function setEngineGrammar(next) {
  grammar = next ?? EMPTY;
}

/** The grammar: {kinds, activations, losses, optimizers, initializers, schedules}. */
export const engineGrammar = () => grammar;

/** A layer kind's description, or undefined. */
export const layerKind = (name) => grammar.kinds.find((k) => k.name === name);

/** A new row of `kind`, with the values the engine starts a new layer from. */
export function initialRow(kind) {
  const info = layerKind(kind);
  if (!info) throw new Error(`unknown layer kind ${kind}`);
  const params = Object.fromEntries(info.params.map((p) => [p.name, structuredClone(p.initial)]));
  for (const p of info.params) if (p.defaultFrom) params[p.name] = params[p.defaultFrom];
  return { kind, params, activation: info.initialActivation };
}

const isSpatial = (row) => Boolean(layerKind(row.kind)?.spatial);
const isBareActivation = (row) => Boolean(layerKind(row.kind)?.bareActivation);

/**
 * Where a new row of `kind` goes: image layers (convolution, pooling) after the last one (or
 * first, in an MLP), so they see an image; the others before the last row (the output layer).
 */
export function insertionIndex(rows, kind) {
  if (!layerKind(kind)?.spatial) return Math.max(0, rows.length - 1);
  let last = rows.findLastIndex(isSpatial);
  // An activation written as its own token right after an image layer belongs to it.
  while (last >= 0 && rows[last + 1] && isBareActivation(rows[last + 1])) last++;
  return last + 1;
}

/**
 * The catalogue's text for `key`, or the engine's English label when the catalogue does not
 * know the name yet (a kind or value added in C++ shows in English, never as a raw key).
 */
export function labelOr(i18n, key, english) {
  return i18n.has(key) ? i18n.t(key) : english;
}
