// The translator (web/i18n/index.js): which language a playground speaks, how messages are
// filled, what a missing key does, and how a change of language reaches the views; and the menu
// labels (settings/state.js choiceLabel) in each language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, createI18n, pickLanguage, translator } from '../../web/i18n/index.js';
import { choiceLabel } from '../../web/settings/state.js';

test('the language: asked for, else the browser\'s first we speak, else English', () => {
  assert.equal(pickLanguage('zh', ['en-US']), 'zh');
  assert.equal(pickLanguage('en', ['zh-CN']), 'en');
  assert.equal(pickLanguage(null, ['zh-CN', 'en']), 'zh');
  assert.equal(pickLanguage(undefined, ['fr-FR', 'zh-Hans-CN']), 'zh');
  assert.equal(pickLanguage('zh-TW', []), 'zh');
  assert.equal(pickLanguage('EN-gb', ['zh']), 'en');
  assert.equal(pickLanguage('fr', ['de', 'ja']), 'en');   // nothing we speak: English
  assert.equal(pickLanguage('', []), 'en');
});

test('messages fill their placeholders; a missing key shows as itself, reported once', (t) => {
  const zh = translator('zh');
  assert.equal(zh('progress.rate', { rate: '12.3k' }), '12.3k 样本/秒');
  assert.equal(translator('en')('progress.rate', {}), '{rate} samples/s');  // an unfilled placeholder stays visible
  const errors = t.mock.method(console, 'error', () => {});
  assert.equal(zh('no.such.key'), 'no.such.key');
  assert.equal(zh('no.such.key'), 'no.such.key');
  assert.equal(errors.mock.callCount(), 1);
  assert.match(errors.mock.calls[0].arguments[0], /"zh".*"no\.such\.key"/);
});

test('a playground\'s i18n: set() switches t, tag and locale and tells every listener once', () => {
  const i18n = createI18n('en');
  assert.equal(i18n.t('train.step'), 'Step');
  assert.equal(i18n.tag, 'en');
  const heard = [];
  const stop = i18n.onChange((lang) => heard.push(lang));
  i18n.set('zh');
  i18n.set('zh');       // no change, no call
  i18n.set('klingon');  // not a language we have: ignored
  assert.deepEqual(heard, ['zh']);
  assert.equal(i18n.t('train.step'), '单步');
  assert.equal(i18n.tag, 'zh-Hans');
  assert.equal(i18n.locale, 'zh-CN');
  assert.ok(i18n.has('train.step') && !i18n.has('no.such.key'));
  stop();
  i18n.set('en');
  assert.deepEqual(heard, ['zh']);
  assert.equal(createI18n('xx').lang, 'en');
});

test('menu labels come from the catalogue; numbers in the locale', () => {
  for (const lang of Object.keys(LANGUAGES)) {
    const t = translator(lang);
    assert.equal(choiceLabel('loss', 'cross_entropy', t), t('choice.loss.cross_entropy'));
    assert.equal(choiceLabel('trainLimit', 0, t), t('choice.trainLimit.0'));
  }
  assert.equal(choiceLabel('trainLimit', 10000, translator('zh'), 'zh-CN'), '10,000');
  assert.equal(choiceLabel('batchSize', 64, translator('en')), '64');
  assert.equal(choiceLabel('optimizer', 'momentum', translator('zh')), '带动量的 SGD');
});
