// What a lesson step's "Do it" button may run: a small closed set, each one an action of the
// playground (web/app/controller.js `extension.actions`) or one worker message
// (web/engine/protocol.js). The teaching panels and the other views listen to the worker
// themselves, so a step only starts the work and waits for the message that says it happened.
//   run(extension)  starts it
//   request         the worker message it sends: a worker `error` naming it means it failed
//   done            the name in DONE of the worker message that ends the step
// A step may end with another message of DONE instead (its own `done`).
import { FromWorker, RunState, ToWorker } from '../engine/protocol.js';

/** The worker messages that may end a step: the type, and when one counts. */
export const DONE = Object.freeze({
  progress: { type: FromWorker.PROGRESS },                 // one mini-batch trained
  'run-ended': {                                           // finished, or stopped (e.g. diverged)
    type: FromWorker.STATE, when: (m) => m.state === RunState.FINISHED || m.state === RunState.STOPPED,
  },
  'step-traced': { type: FromWorker.STEP_TRACED },         // explain-step's traced mini-batch
  'gradient-check': { type: FromWorker.GRADIENT_CHECK },
  health: { type: FromWorker.HEALTH },
  prediction: { type: FromWorker.PREDICTION, when: (m) => Boolean(m.probabilities) },
  'feature-maps': { type: FromWorker.FEATURE_MAPS },       // a CNN's maps of the digit on the pad
});

export const ACTIONS = Object.freeze({
  // One mini-batch of the current settings' model (from its current weights).
  step: { run: (x) => x.actions.step(), request: ToWorker.STEP, done: 'progress' },
  // A whole run from fresh weights, as the settings say (epochs, training-image limit).
  train: { run: (x) => x.actions.train({ fromScratch: true }), request: ToWorker.START, done: 'run-ended' },
  // One mini-batch, traced: the "Explain a step" panel shows every number of it.
  'explain-step': { run: (x) => x.actions.explainStep(), request: ToWorker.EXPLAIN_STEP, done: 'step-traced' },
  // Backprop's gradients against finite differences, a few weights per layer.
  'gradient-check': {
    run: (x) => x.send(ToWorker.GRADIENT_CHECK, { perLayer: 5 }), request: ToWorker.GRADIENT_CHECK, done: 'gradient-check',
  },
  // Histograms of weights, activations and gradients per layer.
  health: { run: (x) => x.send(ToWorker.GET_HEALTH), request: ToWorker.GET_HEALTH, done: 'health' },
  // A random test image on the draw pad, as "Use a test digit" does: the model's answer, and a
  // CNN's feature maps, follow.
  'test-digit': {
    run: (x) => x.send(ToWorker.GET_SAMPLES, { split: 'test', perClass: 1, offset: Math.floor(Math.random() * 800) }),
    request: ToWorker.GET_SAMPLES,
    done: 'prediction',
  },
});
