// The layer editor's menus and fields come from the engine's grammar alone: a kind the engine
// adds (here a made-up "residual" with an integer, a choice and an activation) gets its menu entry,
// its fields, a new row's values and a label, with no JS edit (web/views/layer-fields.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../../web/i18n/index.js';
import { initialRow, insertionIndex, setEngineGrammar } from '../../web/settings/grammar.js';
import { describeRow, kindOptions, rowFields } from '../../web/views/layer-fields.js';

const dense = { name: 'dense', label: 'Dense', what: 'every input to every unit', takesActivation: true,
  initialActivation: 'relu', spatial: false, bareActivation: false,
  params: [{ name: 'units', type: 'int', required: true, min: 1, max: 65536, initial: 128, choices: [], defaultFrom: '' }] };
const residual = { name: 'residual', label: 'Residual block', what: 'adds its input to its output',
  takesActivation: true, initialActivation: 'relu', spatial: true, bareActivation: false,
  params: [
    { name: 'depth', type: 'int', required: true, min: 1, max: 8, initial: 2, choices: [], defaultFrom: '' },
    { name: 'mode', type: 'choice', required: false, min: 0, max: 0, initial: 'sum', choices: ['sum', 'concat'], defaultFrom: '' },
  ] };
const grammar = {
  kinds: [dense, residual],
  activations: [{ name: 'relu', label: 'ReLU', params: [] }, { name: 'swish', label: 'Swish', params: [] }],
  losses: [], optimizers: [], initializers: [], schedules: [],
};

test('a kind the engine describes is offered, with the engine\'s label where the catalogue has none', () => {
  setEngineGrammar(grammar);
  const i18n = createI18n('en');
  assert.deepEqual(kindOptions(i18n), [['dense', 'Dense'], ['residual', 'Residual block']]);
});

test('a new row of that kind starts from the engine\'s values and shows a field per parameter', () => {
  setEngineGrammar(grammar);
  const i18n = createI18n('en');
  const row = initialRow('residual');
  assert.deepEqual(row, { kind: 'residual', params: { depth: 2, mode: 'sum' }, activation: 'relu' });
  const fields = rowFields(i18n, row);
  assert.deepEqual(fields.map((f) => [f.field, f.control, f.value]),
    [['type', 'select', 'residual'], ['depth', 'number', 2], ['mode', 'select', 'sum'], ['activation', 'select', 'relu']]);
  assert.deepEqual(fields[1].attrs, { min: 1, max: 8, step: 1 });
  assert.deepEqual(fields[2].options, [['sum', 'sum'], ['concat', 'concat']]);
  assert.deepEqual(fields[3].options.map(([value]) => value), ['', 'relu', 'swish'], 'none, then the engine\'s activations');
  assert.equal(fields[3].options[2][1], 'Swish', 'an activation the catalogue lacks: the engine\'s label');
  assert.equal(describeRow(i18n, row, 0), 'Layer 1: Residual block, depth 2, mode sum, ReLU.');
});

test('a spatial kind goes after the last spatial row, others before the output row', () => {
  setEngineGrammar(grammar);
  const rows = [initialRow('residual'), initialRow('dense'), initialRow('dense')];
  assert.equal(insertionIndex(rows, 'residual'), 1);
  assert.equal(insertionIndex(rows, 'dense'), 2);
});
