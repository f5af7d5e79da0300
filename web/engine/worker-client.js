// The page's end of the worker: starts web/engine/worker.js as a module worker and routes its messages
// (protocol.js) to one handler per message type. The page never touches the engine directly.
import { ErrorCode } from './protocol.js';

/**
 * @param {Record<string, (message: object) => void>} handlers  keyed by FromWorker type
 * @param {(error: {code: string, message: string, hint: string}) => void} onFailure  the worker
 *   itself could not start or crashed outside its own error handling
 */
export function startWorker(handlers, onFailure) {
  // Written out literally so Vite bundles the worker (and its imports) as a module worker.
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event) => {
    const handler = handlers[event.data?.type];
    if (handler) handler(event.data);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onFailure({
      code: ErrorCode.INTERNAL,
      message: `The training worker failed to start${event.message ? `: ${event.message}` : '.'}`,
      hint: 'Reload the page. Module workers need a current browser.',
    });
  });
  worker.addEventListener('messageerror', () => {
    onFailure({ code: ErrorCode.INTERNAL, message: 'A message from the worker could not be read.', hint: 'Reload the page.' });
  });

  return {
    /** Sends {type, ...fields}; `transfer` lists buffers to move instead of copy. */
    send(type, fields = {}, transfer = []) {
      worker.postMessage({ type, ...fields }, transfer);
    },
    /** Ends the worker at once; its engine and all its memory go with it. */
    terminate() {
      worker.terminate();
    },
  };
}
