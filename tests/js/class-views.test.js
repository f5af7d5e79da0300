// The views that show classes draw their names, for any number of classes from 2 to 10: the
// probability bars, the confusion matrix, the accuracy per class, the image grids and the data
// tables, drawn on a fake canvas (fake-canvas.js) whose written text is checked.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { fakeCanvas, installFakePage } from './fake-canvas.js';
import { drawProbabilityBars } from '../../web/views/canvas/probability-bars.js';
import { drawConfusionMatrix, confusionCellAt } from '../../web/views/canvas/confusion-matrix.js';
import { drawPerClassAccuracy } from '../../web/views/canvas/per-class-accuracy.js';
import { drawDigitGrid } from '../../web/views/canvas/digit-grid.js';
import { fitText } from '../../web/views/canvas/text-fit.js';
import { confusionTable, perClassTable } from '../../web/views/data-tables.js';

const PETS = ['cat', 'dog', 'hamster'];
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const written = (canvas) => canvas.texts.map((entry) => entry.text);
// A 3-class confusion matrix: 10 cats (2 taken for dogs), 8 dogs, 5 hamsters (1 taken for a cat).
const PETS_CONFUSION = [8, 2, 0, 0, 8, 0, 1, 0, 4];

before(installFakePage);

test('probability bars: one bar per class, named, the prediction marked and described', () => {
  const canvas = fakeCanvas(320, 220);
  drawProbabilityBars(canvas, [0.1, 0.7, 0.2], { labels: PETS });
  assert.deepEqual(written(canvas).filter((text) => !text.endsWith('%')), ['cat', '▶ dog', 'hamster']);
  assert.match(canvas.getAttribute('aria-label'), /^Prediction: dog with probability 70\.0%\. Next: hamster \(20\.0%\), cat \(10\.0%\)\.$/);

  const fashion = fakeCanvas(320, 220);
  const probs = FASHION.map((_, c) => (c === 7 ? 0.97 : 0.03 / 9));
  drawProbabilityBars(fashion, probs, { labels: FASHION });
  assert.ok(written(fashion).includes('▶ Sneaker'));
  assert.ok(written(fashion).includes('Ankle boot'), 'the name column is as wide as the longest name');
  assert.match(fashion.getAttribute('aria-label'), /Prediction: Sneaker with probability 97\.0%/);
});

test('probability bars without names show the digits', () => {
  const canvas = fakeCanvas(320, 220);
  drawProbabilityBars(canvas, new Float32Array(10));
  assert.deepEqual(written(canvas).filter((text) => !text.endsWith('%')), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(canvas.getAttribute('aria-label'), 'Class probabilities: no prediction yet.');
});

test('confusion matrix: N x N cells for N classes, named axes, cells to pick within N', () => {
  const canvas = fakeCanvas(360, 360);
  drawConfusionMatrix(canvas, PETS_CONFUSION, { labels: PETS, selected: { actual: 0, predicted: 1 } });
  const texts = written(canvas);
  for (const count of ['8', '2', '4', '1']) assert.ok(texts.includes(count), `count ${count} drawn`);
  for (const name of PETS) assert.equal(texts.filter((text) => text === name).length, 2, `${name} on both axes`);
  assert.equal(canvas.getAttribute('aria-label'), 'Confusion matrix of 23 images, rows true class, columns predicted class: 20 correct. '
    + 'Most common mistakes: cat predicted as dog 2 times, hamster predicted as cat 1 times. Selected: true cat, predicted dog, 2 images.');
  assert.deepEqual(confusionCellAt(canvas, 300, 300), { actual: 2, predicted: 2 });
  assert.equal(confusionCellAt(canvas, 5, 5), null);
});

test('confusion matrix: long names stand upright over the columns and are cut to fit beside the rows', () => {
  const canvas = fakeCanvas(330, 330);
  const confusion = Array.from({ length: 100 }, (_, i) => (i % 11 === 0 ? 900 : 10));
  drawConfusionMatrix(canvas, confusion, { labels: FASHION });
  const upright = canvas.texts.filter((entry) => Math.abs(entry.angle + Math.PI / 2) < 1e-9 && FASHION.some((name) => name.startsWith(entry.text.replace('…', ''))));
  assert.equal(upright.length, 10);
  assert.match(canvas.getAttribute('aria-label'), /Ankle boot|T-shirt\/top/);
});

test('accuracy per class: a bar per class, named; long names slanted so ten fit a phone', () => {
  const pets = fakeCanvas(360, 240);
  drawPerClassAccuracy(pets, [0.8, 1, 0.8], { labels: PETS });
  for (const name of PETS) assert.ok(written(pets).includes(name), `${name} under its bar`);
  assert.ok(pets.texts.every((entry) => entry.angle === 0), 'short names stay level');
  assert.match(pets.getAttribute('aria-label'), /cat: 80\.0%, dog: 100\.0%, hamster: 80\.0%\. Lowest: cat at 80\.0%\.$/);

  const fashion = fakeCanvas(360, 240, { parentWidth: 330 });  // a 375 px phone's panel
  drawPerClassAccuracy(fashion, FASHION.map((_, c) => 0.8 + c / 100), { labels: FASHION });
  const slanted = fashion.texts.filter((entry) => entry.angle !== 0).map((entry) => entry.text);
  assert.deepEqual(slanted, FASHION);
  assert.match(fashion.getAttribute('aria-label'), /Lowest: T-shirt\/top at 80\.0%/);
});

test('image grid: captions in the classes\' names, cut to the cell; the description in full', () => {
  const pixels = new Uint8Array(784);
  const canvas = fakeCanvas(560, 300);
  drawDigitGrid(canvas, [
    { pixels, label: 7, predicted: 7, confidence: 0.97 },
    { pixels, label: 9, predicted: 5, confidence: 0.61 },
  ], { columns: 4, cellSize: 48, labels: FASHION });
  const texts = written(canvas);
  assert.ok(texts.includes('Sneaker') && texts.includes('97%'), texts.join(' | '));
  assert.ok(texts.some((text) => text.startsWith('✗ Sandal')), texts.join(' | '));
  assert.ok(texts.some((text) => text.startsWith('Ankle') && text.endsWith('…')), 'a long true label is cut');
  assert.match(canvas.getAttribute('aria-label'), /number 2: Ankle boot predicted as Sandal/);
});

test('data tables: a row and a column per class, by name', () => {
  const label = (c) => PETS[c];
  const confusion = confusionTable(PETS_CONFUSION, label);
  assert.deepEqual(confusion.columns, ['True \\ predicted', 'cat', 'dog', 'hamster']);
  assert.deepEqual(confusion.rows.map((row) => row.join(' ')), ['cat 8 2 0', 'dog 0 8 0', 'hamster 1 0 4']);
  const perClass = perClassTable([0.8, 1, 0.8], label);
  assert.deepEqual(perClass.rows, [['cat', '80.00%'], ['dog', '100.00%'], ['hamster', '80.00%']]);
});

test('fitText keeps what fits and cuts the rest with …', () => {
  const ctx = fakeCanvas(10, 10).getContext('2d');
  ctx.font = '10px sans-serif';  // 6 px a character
  assert.equal(fitText(ctx, 'Bag', 30), 'Bag');
  assert.equal(fitText(ctx, 'Ankle boot', 30), 'Anke…'.replace('e', 'l'));
  assert.equal(fitText(ctx, 'Ankle boot', 1), 'A…');
});
