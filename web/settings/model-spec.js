// The model spec text (core/model/model_spec.h) <-> a list of layer rows, for the page's layer
// editor. The engine stays the judge of whether a spec makes a valid model (configure answers
// with its own message); this file only has to turn text into rows and rows back into text, so
// it checks the grammar's shape (token names, integer fields) and leaves ranges and layer shapes
// to the engine. No DOM here.
//
// Grammar, as the engine reads it (comma-separated tokens, spaces ignored):
//   dense:UNITS[:ACT]   conv:FILTERS:KHxKW[:sSTRIDE][:same|valid][:ACT]   maxpool:SIZE[:sSTRIDE]
//   avgpool:SIZE[:sSTRIDE]   flatten   dropout:RATE   relu | leaky_relu[:ALPHA] | sigmoid | tanh |
//   softmax   and an optional first token input:28x28x1
//
// A row is one of:
//   {type: 'dense', units, activation}                       activation '' = none
//   {type: 'conv', filters, kernelH, kernelW, stride, padding: 'valid'|'same', activation}
//   {type: 'maxpool'|'avgpool', size, stride}
//   {type: 'flatten'}
//   {type: 'dropout', rate}
//   {type: 'activation', activation}                          a standalone activation layer
// An activation is a name, or 'leaky_relu:0.2' when leaky_relu has its own slope.

/** Row types offered by the editor; their labels are the catalogue's layer.type.<type>. */
export const LAYER_TYPES = Object.freeze(['dense', 'conv', 'maxpool', 'avgpool', 'flatten', 'dropout', 'activation']);

/**
 * Activations ('' = none: the layer's output is used as it is); their labels are the
 * catalogue's activation.<name> (activation.none for '').
 */
export const ACTIVATIONS = Object.freeze(['', 'relu', 'leaky_relu', 'sigmoid', 'tanh', 'softmax']);

const ACTIVATION_NAMES = new Set(['relu', 'leaky_relu', 'sigmoid', 'tanh', 'softmax']);

/** A new row of a type, with the defaults the editor starts from. */
export function defaultLayer(type) {
  switch (type) {
    case 'dense': return { type, units: 128, activation: 'relu' };
    // 'same' padding keeps the image size, so a new convolution fits anywhere among the others.
    case 'conv': return { type, filters: 8, kernelH: 3, kernelW: 3, stride: 1, padding: 'same', activation: 'relu' };
    case 'maxpool':
    case 'avgpool': return { type, size: 2, stride: 2 };
    case 'flatten': return { type };
    case 'dropout': return { type, rate: 0.25 };
    case 'activation': return { type, activation: 'relu' };
    default: throw new Error(`unknown layer type ${type}`);
  }
}

const isInt = (s) => /^\d{1,9}$/.test(s);
const isNumber = (s) => s !== '' && Number.isFinite(Number(s));

/** The activation written in parts[at...] ('' when none), or null when it is not one. */
function readActivation(parts, at) {
  if (at >= parts.length) return '';
  const name = parts[at];
  if (!ACTIVATION_NAMES.has(name)) return null;
  if (name === 'leaky_relu' && parts.length === at + 2 && isNumber(parts[at + 1])) return `leaky_relu:${parts[at + 1]}`;
  return parts.length === at + 1 ? name : null;
}

/**
 * Reads a spec into rows.
 * @param {string} text
 * @returns {{layers: object[], input: string, error: string}} error non-empty when the text is
 *   not in the grammar (then layers is what was read before the problem)
 */
export function parseSpec(text) {
  const layers = [];
  let input = '';
  const body = String(text ?? '').trim();
  if (!body) return { layers, input, error: 'the model spec is empty' };
  const tokens = body.split(',').map((t) => t.trim());
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const fail = (why) => ({ layers, input, error: `layer ${t + 1} '${token}': ${why}` });
    const parts = token.split(':').map((p) => p.trim());
    const [name] = parts;
    if (name === 'input') {
      if (t !== 0 || parts.length !== 2) return fail('input must be the first token, input:28x28x1');
      input = parts[1];
    } else if (name === 'dense') {
      if (!isInt(parts[1] ?? '')) return fail('expected dense:UNITS[:ACTIVATION]');
      const activation = readActivation(parts, 2);
      if (activation === null) return fail(`unknown activation '${parts.slice(2).join(':')}'`);
      layers.push({ type: 'dense', units: Number(parts[1]), activation });
    } else if (name === 'conv') {
      const kernel = (parts[2] ?? '').split('x').map((p) => p.trim());
      if (!isInt(parts[1] ?? '') || kernel.length !== 2 || !kernel.every(isInt)) {
        return fail('expected conv:FILTERS:KHxKW[:sSTRIDE][:same|valid][:ACTIVATION]');
      }
      const layer = { type: 'conv', filters: Number(parts[1]), kernelH: Number(kernel[0]), kernelW: Number(kernel[1]),
        stride: 1, padding: 'valid', activation: '' };
      let at = 3;
      for (; at < parts.length; at++) {
        if (parts[at] === 'same' || parts[at] === 'valid') layer.padding = parts[at];
        else if (/^s\d{1,9}$/.test(parts[at])) layer.stride = Number(parts[at].slice(1));
        else break;
      }
      layer.activation = readActivation(parts, at);
      if (layer.activation === null) return fail(`unknown option or activation '${parts.slice(at).join(':')}'`);
      layers.push(layer);
    } else if (name === 'maxpool' || name === 'avgpool') {
      if (!isInt(parts[1] ?? '') || parts.length > 3 || (parts.length === 3 && !/^s\d{1,9}$/.test(parts[2]))) {
        return fail(`expected ${name}:SIZE[:sSTRIDE]`);
      }
      const size = Number(parts[1]);
      layers.push({ type: name, size, stride: parts.length === 3 ? Number(parts[2].slice(1)) : size });
    } else if (name === 'flatten') {
      if (parts.length !== 1) return fail('flatten takes no parameters');
      layers.push({ type: 'flatten' });
    } else if (name === 'dropout') {
      if (parts.length !== 2 || !isNumber(parts[1])) return fail('expected dropout:RATE');
      layers.push({ type: 'dropout', rate: Number(parts[1]) });
    } else if (ACTIVATION_NAMES.has(name)) {
      const activation = readActivation(parts, 0);
      if (activation === null) return fail(`'${name}' takes no such parameter`);
      layers.push({ type: 'activation', activation });
    } else {
      return fail(`unknown layer '${name}'`);
    }
  }
  return { layers, input, error: '' };
}

/** One row as its spec token. */
export function formatLayer(layer) {
  const act = layer.activation ? `:${layer.activation}` : '';
  switch (layer.type) {
    case 'dense': return `dense:${layer.units}${act}`;
    case 'conv': return `conv:${layer.filters}:${layer.kernelH}x${layer.kernelW}` +
      `${layer.stride !== 1 ? `:s${layer.stride}` : ''}${layer.padding === 'same' ? ':same' : ''}${act}`;
    case 'maxpool':
    case 'avgpool': return `${layer.type}:${layer.size}${layer.stride !== layer.size ? `:s${layer.stride}` : ''}`;
    case 'flatten': return 'flatten';
    case 'dropout': return `dropout:${layer.rate}`;
    case 'activation': return layer.activation || 'relu';
    default: throw new Error(`unknown layer type ${layer.type}`);
  }
}

/** Rows (and the optional input token) as spec text. */
export function formatSpec(layers, input = '') {
  return [...(input ? [`input:${input}`] : []), ...layers.map(formatLayer)].join(',');
}

/** The spec written the one way formatSpec writes it (text outside the grammar: trimmed as is). */
export function canonicalSpec(text) {
  const { layers, input, error } = parseSpec(text);
  return error ? String(text ?? '').trim() : formatSpec(layers, input);
}

/** True when the model has a layer with a 2-D output worth drawing (convolution or pooling). */
export function hasSpatialLayers(text) {
  return parseSpec(text).layers.some((l) => l.type === 'conv' || l.type === 'maxpool' || l.type === 'avgpool');
}

/**
 * Where a new row of `type` goes: convolutions and pooling after the last such layer (or first,
 * in an MLP), so they see an image; dense, flatten, dropout and activation rows before the last
 * row (the output layer).
 */
export function insertionIndex(layers, type) {
  if (type === 'conv' || type === 'maxpool' || type === 'avgpool') {
    let last = -1;
    layers.forEach((l, i) => {
      if (l.type === 'conv' || l.type === 'maxpool' || l.type === 'avgpool') last = i;
    });
    // An activation written as its own token right after a convolution belongs to it.
    while (last >= 0 && layers[last + 1]?.type === 'activation') last++;
    return last + 1;
  }
  return Math.max(0, layers.length - 1);
}

/**
 * The architecture in a line: "784-256-10" for a stack of dense layers (the usual shorthand),
 * else the layers in order, e.g. "conv 8@5×5 → maxpool 2 → conv 16@5×5 → maxpool 2 → dense 10"
 * (the spec's own words, the same in every language); null when the text is not a valid spec.
 */
export function describeLayers(text) {
  const { layers, error } = parseSpec(text);
  if (error) return null;
  if (layers.every((l) => l.type === 'dense' || l.type === 'activation')) {
    return [784, ...layers.filter((l) => l.type === 'dense').map((l) => l.units)].join('-');
  }
  return layers.filter((l) => l.type !== 'activation' && l.type !== 'flatten').map((l) => {
    switch (l.type) {
      case 'conv': return `conv ${l.filters}@${l.kernelH}×${l.kernelW}${l.stride !== 1 ? `/${l.stride}` : ''}`;
      case 'maxpool':
      case 'avgpool': return `${l.type} ${l.size}`;
      case 'dropout': return `dropout ${l.rate}`;
      default: return `dense ${l.units}`;
    }
  }).join(' → ');
}

/**
 * The spec with its output activation set to `activation` when the last row is a dense layer
 * ending in softmax or sigmoid (the loss decides which, see state.js); otherwise unchanged.
 */
export function withOutputActivation(text, activation) {
  const { layers, input, error } = parseSpec(text);
  const last = layers.at(-1);
  if (error || !last || last.type !== 'dense' || !['softmax', 'sigmoid'].includes(last.activation)) return text;
  if (last.activation === activation) return text;
  return formatSpec([...layers.slice(0, -1), { ...last, activation }], input);
}
