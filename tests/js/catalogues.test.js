// Every language has every interface string: the catalogues (web/i18n/<lang>/*.js) have the same
// keys, no empty text, and the same {placeholders} in each language.
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
