// Every interface string the code asks for exists in every language, and the playground's markup
// holds no text of its own. A key missing from a catalogue would show as the key itself (and a
// console error): these tests fail first.
//   1. Keys written out in web/: t('key') / i18n.t('key') calls (both arms of a ternary), any
//      string literal in a namespace of the ui catalogue ('draw.prompt' handed to a helper), and
//      data-i18n / data-i18n-attr hooks in the markup.
//   2. Keys built at run time, from the lists they are built from: run states, error codes,
//      menu values, the engine's layer kinds and parameters and activations (mnist-train
//      --grammar), the engine's presets, class names.
//   3. The markup (web/views/template.js): no text nodes with letters, no literal aria-label,
//      title, placeholder or alt; everything goes through data-i18n / data-i18n-attr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../../web/i18n/index.js';
import enUi from '../../web/i18n/en/ui.js';
import { ErrorCode, RunState } from '../../web/engine/protocol.js';
import { MENUS, menuValues } from '../../web/settings/state.js';
import { setEngineGrammar } from '../../web/settings/grammar.js';
import { grammarOfNames } from './support/engine-names.js';
import { MARKUP } from '../../web/views/template.js';
import { benchmarkRuns } from '../../web/benchmark/runs.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sourceFiles = (dir) => fs.readdirSync(path.join(repo, dir), { recursive: true })
  .filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
const webFiles = sourceFiles('web');
const read = (file) => fs.readFileSync(path.join(repo, file), 'utf8');
/** The code without comments and module paths (a comment may show t('key'); 'chart.js' is no key). */
const code = (file) => read(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1')
  .replace(/\bfrom\s+'[^']*'/g, '').replace(/\bimport\(\s*'[^']*'\s*\)/g, '');

/** Fails listing every key of `keys` (Map key -> where) some language lacks. */
function assertInEveryCatalogue(keys, what) {
  const missing = [];
  for (const [lang, { messages }] of Object.entries(LANGUAGES)) {
    for (const [key, where] of keys) if (!(key in messages)) missing.push(`${lang}: "${key}" (${where})`);
  }
  assert.deepEqual(missing, [], `${what} missing from the catalogues:\n${missing.join('\n')}`);
}

test('every key written out in web/ is in every catalogue', () => {
  const namespaces = new Set(Object.keys(enUi).map((key) => key.split('.')[0]));
  const used = new Map();
  const add = (key, file) => { if (!used.has(key)) used.set(key, file); };
  const literal = String.raw`'([^'\s]+)'`;
  const calls = [
    new RegExp(String.raw`\bt\(\s*${literal}`, 'g'),                                  // t('key'
    new RegExp(String.raw`\bt\(\s*[^(),'\x60]+\?\s*${literal}\s*:\s*${literal}`, 'g'), // t(x ? 'a' : 'b'
  ];
  for (const file of webFiles) {
    const text = code(file);
    for (const pattern of calls) for (const m of text.matchAll(pattern)) m.slice(1).forEach((key) => add(key, file));
    for (const m of text.matchAll(/'([a-zA-Z]+(?:\.[\w-]+)+)'/g)) {
      if (namespaces.has(m[1].split('.')[0])) add(m[1], file);
    }
    for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) add(m[1], file);
    for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of m[1].trim().split(/\s+/)) add(pair.split(':')[1], file);
    }
  }
  for (const file of fs.readdirSync(path.join(repo, 'public')).filter((f) => f.endsWith('.html'))) {
    for (const m of read(path.join('public', file)).matchAll(/data-i18n="([^"]+)"/g)) add(m[1], `public/${file}`);
  }
  assert.ok(used.size > 200, `only ${used.size} keys found: is the scan still finding the calls?`);
  assertInEveryCatalogue(used, 'keys used in web/');
});

test('every key built at run time is in every catalogue', () => {
  const keys = new Map();
  const add = (key, from) => keys.set(key, from);
  for (const state of Object.values(RunState)) add(`state.${state}`, 'RunState');
  for (const state of ['running', 'paused', 'stopped', 'finished', 'idle']) add(`announce.${state}`, 'progress-view.js');
  for (const code of Object.values(ErrorCode)) for (const part of ['title', 'hint']) add(`error.${code}.${part}`, 'ErrorCode');
  const grammar = grammarOfNames();
  setEngineGrammar(grammar);
  for (const menu of MENUS) {
    for (const value of menuValues(menu)) {
      if (typeof value === 'string' || value === 0) add(`choice.${menu}.${value}`, 'menuValues');
    }
  }
  for (const kind of grammar.kinds) {
    for (const part of ['type', 'what']) add(`layer.${part}.${kind.name}`, 'mnist-train --grammar');
    for (const param of kind.params) {
      for (const part of ['param', 'describe']) add(`layers.${part}.${param.name}`, 'mnist-train --grammar');
    }
  }
  for (const activation of ['none', ...grammar.activations.map((a) => a.name)]) add(`activation.${activation}`, 'mnist-train --grammar');
  // Class names (views/class-labels.js asks for class.<dataset>.<index>) of the engine's built-in
  // datasets (core/data/dataset_registry.cpp: {"id", "Name", "about", {"class", ...}, ...}) whose
  // classes are not digits. MNIST's digits and uploaded folders show as they are, with no key.
  const datasets = [...read('core/data/dataset_registry.cpp').matchAll(/DatasetInfo \w+\{\s*"([\w-]+)",\s*"[^"]*",\s*(?:"[^"]*"\s*)+,\s*\{([^{}]*)\}/g)]
    .map((m) => ({ id: m[1], names: [...m[2].matchAll(/"([^"]*)"/g)].map((n) => n[1]) }));
  assert.ok(datasets.some((d) => d.id === 'fashion-mnist' && d.names.length === 10), `datasets read: ${datasets.map((d) => d.id)}`);
  for (const { id, names } of datasets.filter((d) => !d.names.every((name) => /^\d+$/.test(name)))) {
    names.forEach((_, i) => add(`class.${id}.${i}`, 'core/data/dataset_registry.cpp'));
  }
  // The engine's presets (core/model/presets.cpp): {"id", "Name", ...}.
  const presets = [...read('core/model/presets.cpp').matchAll(/\{"([a-z0-9-]+)",\s*"/g)].map((m) => m[1]);
  assert.ok(presets.includes('mlp') && presets.includes('cnn-small'), `presets read: ${presets}`);
  for (const id of presets) for (const part of ['name', 'description']) add(`preset.${id}.${part}`, 'core/model/presets.cpp');
  for (const run of benchmarkRuns({ simd: true, isolated: true })) add(`bench.build.${run.build}`, 'web/benchmark/runs.js');
  assertInEveryCatalogue(keys, 'keys built at run time');
});

test('the markup has no text of its own: every word comes through data-i18n', () => {
  // Text between tags, and attribute values people read, in the markup as written.
  const bare = [...MARKUP.replace(/<!--[\s\S]*?-->/g, '').matchAll(/>([^<]+)</g)]
    .map((m) => m[1].trim()).filter((text) => /\p{L}/u.test(text));
  assert.deepEqual(bare, [], 'text in the markup outside data-i18n elements');
  const attributes = [...MARKUP.matchAll(/\s(aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[0].trim());
  assert.deepEqual(attributes, [], 'readable attributes written in the markup: use data-i18n-attr');
  // Elements marked data-i18n are filled from the catalogue: empty in the markup.
  const filled = [...MARKUP.matchAll(/<(\w+)[^>]*\sdata-i18n="[^"]+"[^>]*>([^<]*)</g)].filter((m) => m[2].trim());
  assert.deepEqual(filled.map((m) => m[0]), [], 'data-i18n elements with text of their own');
});
