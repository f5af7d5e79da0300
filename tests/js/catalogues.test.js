// Every language has every interface string: the catalogues (web/i18n/<lang>/*.js) have the same
// keys, no empty text, the same {placeholders} and the same **bold** / `code` marks in each
// language, and the other languages are really translated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES } from '../../web/i18n/index.js';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every catalogue has the same keys, each with text and the same placeholders', () => {
  const [first, ...others] = Object.keys(LANGUAGES);
  const reference = LANGUAGES[first].messages;
  for (const lang of others) {
    const messages = LANGUAGES[lang].messages;
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(reference).sort(), `${lang} vs ${first}`);
    for (const [key, text] of Object.entries(messages)) {
      assert.ok(typeof text === 'string' && text.trim() !== '', `${lang}: ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(reference[key]), `${lang}: ${key} placeholders`);
    }
  }
});

const marks = (text) => [(text.match(/\*\*/g) ?? []).length, (text.match(/`/g) ?? []).length];

test('emphasis and code marks come in pairs, the same in every language', () => {
  for (const [lang, { messages }] of Object.entries(LANGUAGES)) {
    for (const [key, text] of Object.entries(messages)) {
      const [bold, code] = marks(text);
      assert.ok(bold % 2 === 0 && code % 2 === 0, `${lang}: ${key} has an unpaired ** or \``);
      assert.deepEqual(marks(text), marks(LANGUAGES.en.messages[key]), `${lang}: ${key} marks differ from en`);
    }
  }
});

test('Chinese is Chinese: most interface text differs from the English', () => {
  const en = LANGUAGES.en.messages;
  const zh = LANGUAGES.zh.messages;
  const keys = Object.keys(en);
  const same = keys.filter((key) => zh[key] === en[key] && /[a-z]{4,}/i.test(en[key].replace(/\{\w+\}/g, '')));
  // Names that stay as they are (ReLU, Adam, SGD, Softmax, WebAssembly SIMD...) are few.
  assert.ok(same.length < keys.length * 0.05, `${same.length} texts are the same in zh and en: ${same.join(', ')}`);
});
