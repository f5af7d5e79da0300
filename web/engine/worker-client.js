// The page's end of the worker: starts web/engine/worker.js as a module worker and routes its messages
// (protocol.js) to one handler per message type. The page never touches the engine directly.
// It also watches that the worker lives: the worker holds a Web Lock named in init (aliveLock),
// and a request for the same lock here is granted only once the worker has ended, whatever ended
// it (the browser reclaiming memory, a crash, a close). Ending it on purpose (terminate) first
// withdraws that request, so only an unexpected end is reported.
import { ErrorCode, FromWorker } from './protocol.js';

let workersStarted = 0;

/**
 * @param {Record<string, (message: object) => void>} handlers  keyed by FromWorker type
 * @param {(error: {code: string, message: string, hint: string}) => void} onFailure  the worker
 *   could not start, or ended unexpectedly (code worker-lost)
 */
export function startWorker(handlers, onFailure) {
  // Written out literally so Vite bundles the worker (and its imports) as a module worker.
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const alive = watchAlive(() => onFailure({
    code: ErrorCode.WORKER_LOST,
    message: 'The training worker stopped unexpectedly (the browser may have ended it to free memory).',
    hint: 'Press Reset to start a new one: your settings stay, and so does the last kept model.',
  }));
  let started = false;
  worker.addEventListener('message', (event) => {
    const type = event.data?.type;
    if (type === FromWorker.READY && !started) {
      started = true;
      if (event.data.holdsAliveLock) alive.watch();  // it took the lock before it said ready
    }
    handlers[type]?.(event.data);
  });
  // The worker reports its own errors (and stops them here); this fires only when it could not
  // start at all (its script failed to load or to parse).
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
    /** The name of the lock the worker is to hold (init's aliveLock), or undefined. */
    aliveLock: alive.name,
    /** Sends {type, ...fields}; `transfer` lists buffers to move instead of copy. */
    send(type, fields = {}, transfer = []) {
      worker.postMessage({ type, ...fields }, transfer);
    },
    /** Ends the worker at once; its engine and all its memory go with it. Not reported. */
    terminate() {
      alive.stop();
      worker.terminate();
    },
  };
}

/**
 * The page's side of the alive lock: watch() asks for it (call it once the worker holds it),
 * and onLost runs when it is granted; stop() withdraws the request. Without Web Locks (an
 * insecure context) there is no name and nothing to watch.
 */
function watchAlive(onLost) {
  const locks = globalThis.navigator?.locks;
  if (!locks) return { name: undefined, watch() {}, stop() {} };
  const name = `mnist-playground-worker-${Date.now().toString(36)}-${++workersStarted}-${Math.random().toString(36).slice(2)}`;
  const withdraw = new AbortController();
  return {
    name,
    watch() {
      locks.request(name, { signal: withdraw.signal }, () => {
        if (!withdraw.signal.aborted) onLost();
      }).catch(() => {});  // withdrawn: the page ended the worker itself
    },
    stop() {
      withdraw.abort();
    },
  };
}
