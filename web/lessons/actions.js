// What a lesson step's "Do it" button may run: a small closed set, each one an action of the
// playground (web/app/controller.js `extension.actions`) or one worker message
// (web/engine/protocol.js). The teaching panels and the other views listen to the worker
// themselves, so a step only starts the work and waits for the message that says it happened.
//   run(extension)  starts it
//   request         the worker message it sends: a worker `error` naming it means it failed
//   done            the worker message that ends the step: its type, and when it counts
// A step may instead end with `done` naming another message (see DONE below).

const runEnded = { type: 'state', when: (m) => m.state === 'finished' || m.state === 'stopped' };

/** The worker messages that may end a step (a step's optional `done`). */
export const DONE = Object.freeze({
  progress: { type: 'progress' },                  // one mini-batch trained
  'run-ended': runEnded,                           // finished, or stopped (e.g. diverged)
  'step-traced': { type: 'step-traced' },          // explain-step's traced mini-batch
  'gradient-check': { type: 'gradient-check' },
  health: { type: 'health' },
  prediction: { type: 'prediction', when: (m) => Boolean(m.probabilities) },
  'feature-maps': { type: 'feature-maps' },        // a CNN's maps of the digit on the pad
});

export const ACTIONS = Object.freeze({
  // One mini-batch of the current settings' model (from its current weights).
  step: { run: (x) => x.actions.step(), request: 'step', done: 'progress' },
  // A whole run from fresh weights, as the settings say (epochs, training-image limit).
  train: { run: (x) => x.actions.train({ fromScratch: true }), request: 'start', done: 'run-ended' },
  // One mini-batch, traced: the "Explain this step" panel shows every number of it.
  'explain-step': { run: (x) => x.send('explain-step'), request: 'explain-step', done: 'step-traced' },
  // Backprop's gradients against finite differences, a few weights per layer.
  'gradient-check': { run: (x) => x.send('gradient-check', { perLayer: 5 }), request: 'gradient-check', done: 'gradient-check' },
  // Histograms of weights, activations and gradients per layer.
  health: { run: (x) => x.send('get-health'), request: 'get-health', done: 'health' },
  // A random test image on the draw pad, as "Use a test digit" does: the model's answer, and a
  // CNN's feature maps, follow.
  'test-digit': {
    run: (x) => x.send('get-samples', { split: 'test', perClass: 1, offset: Math.floor(Math.random() * 800) }),
    request: 'get-samples',
    done: 'prediction',
  },
});
