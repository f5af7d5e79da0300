// The class names every view shows (web/views/class-labels.js): MNIST's digits until the data
// says otherwise, Fashion-MNIST's names from the catalogue in the interface's language, uploaded
// folders' names as they are, and a word to the views whenever the names change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createI18n } from '../../web/i18n/index.js';
import { createClassLabels } from '../../web/views/class-labels.js';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

test('before any data: the ten digits', () => {
  const classes = createClassLabels(createI18n('en'));
  assert.equal(classes.count(), 10);
  assert.deepEqual(classes.names(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(classes.label(7), '7');
});

test('Fashion-MNIST: the catalogue\'s names, in the interface\'s language', () => {
  const i18n = createI18n('en');
  const classes = createClassLabels(i18n);
  classes.setClasses({ dataset: 'fashion-mnist', names: FASHION });
  assert.deepEqual(classes.names(), FASHION);
  assert.equal(classes.label(7), 'Sneaker');
  i18n.set('zh');
  assert.equal(classes.label(7), '运动鞋');
  assert.deepEqual(classes.names(), ['T恤/上衣', '裤子', '套头衫', '连衣裙', '外套', '凉鞋', '衬衫', '运动鞋', '包', '短靴']);
});

test('uploaded images: the folders\' names as they are, in any language, and their count', () => {
  const i18n = createI18n('zh');
  const classes = createClassLabels(i18n);
  classes.setClasses({ dataset: 'custom', names: ['cats', 'dogs', 'Weißstörche'] });
  assert.equal(classes.count(), 3);
  assert.deepEqual(classes.names(), ['cats', 'dogs', 'Weißstörche']);
  i18n.set('en');
  assert.equal(classes.label(2), 'Weißstörche');
});

test('listeners hear other classes and another language, until they unsubscribe', () => {
  const i18n = createI18n('en');
  const classes = createClassLabels(i18n);
  const heard = [];
  const stop = classes.onChange(() => heard.push(classes.label(0)));
  classes.setClasses({ dataset: 'fashion-mnist', names: FASHION });
  i18n.set('zh');
  stop();
  classes.setClasses({ dataset: 'mnist', names: ['0', '1'] });
  assert.deepEqual(heard, ['T-shirt/top', 'T恤/上衣']);
  assert.deepEqual(classes.names(), ['0', '1']);
});
