// The guided lessons, in the order the introduction teaches them: one neuron is a mapping, a
// layer is a weight matrix, activations, the loss, backpropagation, gradient descent,
// initialisation, overfitting, convolutions.
//
// A lesson is data: {id, concept, title: {en, zh}, steps}. A step is
//   text: {en, zh}     what to do and why, with the formula (1-3 sentences)
//   look: {en, zh}     what to look for once it ran
//   settings?          a settings query (the page's URL form: preset=mlp&limit=1000...) applied
//                      when the step starts, as if chosen in the settings form
//   do?                the one action "Do it" runs: a name in ACTIONS (actions.js)
//   done?              the worker message that ends it, a name in DONE; default: the action's
//   target?            the id of the part of the page it is about (views/template.js): outlined
//                      and scrolled into view
// web/app/lessons.js runs them; tests/js/lessons.test.js checks every file.
import neuron from './neuron.js';
import weightMatrix from './weight-matrix.js';
import activations from './activations.js';
import loss from './loss.js';
import backpropagation from './backpropagation.js';
import gradientDescent from './gradient-descent.js';
import initialisation from './initialisation.js';
import overfitting from './overfitting.js';
import convolutions from './convolutions.js';

export const LESSONS = Object.freeze([
  neuron, weightMatrix, activations, loss, backpropagation, gradientDescent, initialisation, overfitting, convolutions,
]);
