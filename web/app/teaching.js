// The teaching panels inside the "Inside the network" section: explain-this-step, the gradient
// check, network health and run comparison. Each panel owns its element (template.js) and talks
// to the worker only through the extension object the controller gives (send, on, actions).
import { mountComparison } from './comparison.js';

/** @param {ShadowRoot} root  @param {object} extension (controller.js) */
export function mountTeaching(root, extension) {
  const comparison = mountComparison(root, extension);
  return {
    destroy() {
      comparison.destroy();
    },
  };
}
