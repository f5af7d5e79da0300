// Every lesson file is a valid lesson: in the introduction's order, 3-6 steps, all text in
// English and Chinese, settings the page accepts (and presets the engine has), actions and
// done-messages from the closed sets, targets that are parts of the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { LESSONS } from '../../web/lessons/index.js';
import { ACTIONS, DONE } from '../../web/lessons/actions.js';
import { LANGUAGES } from '../../web/i18n/index.js';
import { setEnginePresets, stateFromQuery, stateToQuery } from '../../web/settings/state.js';
import { setEngineGrammar } from '../../web/settings/grammar.js';
import { grammarOfNames } from './support/engine-names.js';

const ORDER = ['neuron', 'weight-matrix', 'activations', 'loss', 'backpropagation', 'gradient-descent',
  'initialisation', 'overfitting', 'convolutions'];
const SETTINGS_KEYS = new Set(['model', 'loss', 'opt', 'lr', 'batch', 'epochs', 'init', 'l2', 'seed', 'schedule',
  'augment', 'limit', 'preset']);
const CJK = /[\u4e00-\u9fff]/;

const template = fs.readFileSync(new URL('../../web/views/template.js', import.meta.url), 'utf8');
// The engine's preset ids, as core/model/presets.cpp lists them: {"mlp", "MLP (seed)", ...
const presetIds = [...fs.readFileSync(new URL('../../core/model/presets.cpp', import.meta.url), 'utf8')
  .matchAll(/\{"([a-z0-9-]+)",\s*"/g)].map((m) => m[1]);

const steps = LESSONS.flatMap((lesson) => lesson.steps.map((step, i) => ({ lesson, step, where: `${lesson.id} step ${i + 1}` })));

test('the lessons are the introduction\'s nine, in its order, each with a unique id', () => {
  assert.deepEqual(LESSONS.map((l) => l.id), ORDER);
  assert.deepEqual(LESSONS.map((l) => l.concept), ORDER);
});

test('every lesson has 3 to 6 steps and a title in English and Chinese', () => {
  for (const lesson of LESSONS) {
    assert.ok(lesson.steps.length >= 3 && lesson.steps.length <= 6, `${lesson.id}: ${lesson.steps.length} steps`);
    checkText(lesson.title, `${lesson.id} title`);
  }
});

test('every step says what to do and what to look for, in both languages', () => {
  for (const { step, where } of steps) {
    checkText(step.text, `${where} text`);
    checkText(step.look, `${where} look`);
  }
});

test('each concept has a name in every language\'s catalogue', () => {
  for (const [lang, { messages }] of Object.entries(LANGUAGES)) {
    for (const lesson of LESSONS) {
      assert.ok(messages[`lessons.concept.${lesson.concept}`]?.trim(), `${lang}: lessons.concept.${lesson.concept}`);
    }
  }
});

test('actions and done-messages come from the closed sets', () => {
  for (const { step, where } of steps) {
    if (step.do !== undefined) assert.ok(Object.hasOwn(ACTIONS, step.do), `${where}: unknown action ${step.do}`);
    if (step.done !== undefined) {
      assert.ok(step.do, `${where}: done without an action`);
      assert.ok(Object.hasOwn(DONE, step.done), `${where}: unknown done ${step.done}`);
    }
  }
  for (const [name, action] of Object.entries(ACTIONS)) {
    assert.ok(Object.hasOwn(DONE, action.done), `${name}: its done ${action.done} is not in DONE`);
    assert.equal(typeof action.run, 'function');
    assert.ok(action.request, `${name}: names the worker message it sends`);
  }
  // Every lesson lets the reader run something.
  for (const lesson of LESSONS) assert.ok(lesson.steps.some((s) => s.do), `${lesson.id}: no step runs anything`);
});

test('targets are parts of the page', () => {
  for (const { step, where } of steps) {
    if (step.target === undefined) continue;
    assert.match(template, new RegExp(`id="${step.target}"`), `${where}: no element #${step.target} in template.js`);
  }
});

test('settings use the page\'s keys, presets the engine has, values the page accepts', () => {
  // The page's settings need the engine's presets; these stand-ins carry every id the engine has.
  const config = { modelSpec: 'dense:256:relu,dense:10:softmax', loss: 'cross_entropy', optimizer: 'adam',
    learningRate: 0.001, batchSize: 32, epochs: 10, init: 'glorot_uniform', weightDecay: 0, seed: 1,
    schedule: 'constant', augment: false };
  setEngineGrammar(grammarOfNames());  // the menus' values: the engine's names
  setEnginePresets(presetIds.map((id) => ({ id, name: id, description: '', config })), config);
  assert.ok(presetIds.includes('mlp'), 'presets.cpp parsed');
  for (const { step, where } of steps) {
    if (step.settings === undefined) continue;
    const asked = new URLSearchParams(step.settings);
    const kept = new URLSearchParams(stateToQuery(stateFromQuery(step.settings)));
    for (const [key, value] of asked) {
      assert.ok(SETTINGS_KEYS.has(key), `${where}: unknown settings key ${key}`);
      if (key === 'preset') {
        assert.ok(presetIds.includes(value), `${where}: the engine has no preset ${value} (it has ${presetIds.join(', ')})`);
      } else {
        // A model's text is kept as written; the engine reads it when the lesson applies it.
        assert.equal(kept.get(key), value, `${where}: ${key}=${value} is not a value the page takes`);
      }
    }
    // Lesson runs stay short: a training subset, a few epochs.
    assert.ok(Number(asked.get('limit')) > 0 && Number(asked.get('limit')) <= 1000, `${where}: limit`);
    assert.ok(Number(asked.get('epochs')) <= 15, `${where}: epochs`);
  }
  // A lesson starts from settings of its own, not whatever the page had.
  for (const lesson of LESSONS) assert.ok(lesson.steps[0].settings, `${lesson.id}: first step sets no settings`);
});

function checkText(text, where) {
  assert.deepEqual(Object.keys(text).sort(), Object.keys(LANGUAGES).sort(), `${where}: languages`);
  assert.ok(text.en.trim() && !CJK.test(text.en), `${where}: English text`);
  assert.ok(text.zh.trim() && CJK.test(text.zh), `${where}: Chinese text`);
}
