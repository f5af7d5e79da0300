// The visible error banner: one message at a time, with what happened and what to do about it,
// and when there is a one-click way out (back from a diverged run, a new engine after a failure)
// a button for it. Fed by the worker's error messages (protocol.js ErrorCode) and by the page's
// own checks.
import { ErrorCode } from '../engine/protocol.js';

const TITLES = {
  [ErrorCode.NO_WASM]: 'This browser cannot run WebAssembly',
  [ErrorCode.ENGINE_MISSING]: 'The engine could not be loaded',
  [ErrorCode.DATA_UNREACHABLE]: 'The MNIST data could not be reached',
  [ErrorCode.DATA_NOT_FOUND]: 'The MNIST data was not found',
  [ErrorCode.DATA_TOO_LARGE]: 'The data is larger than this page accepts',
  [ErrorCode.CHECKSUM_MISMATCH]: 'The MNIST data failed its checksum',
  [ErrorCode.PARSE_ERROR]: 'The MNIST data could not be read',
  [ErrorCode.BAD_CONFIG]: 'These settings do not make a valid model',
  [ErrorCode.BAD_MODEL_FILE]: 'This model file could not be loaded',
  [ErrorCode.BAD_REQUEST]: 'The playground was asked for something it cannot do',
  [ErrorCode.DIVERGED]: 'Training diverged (the loss is not a number)',
  [ErrorCode.NOT_READY]: 'Not ready yet',
  [ErrorCode.ENGINE_FAILURE]: 'The engine failed',
  [ErrorCode.WORKER_LOST]: 'The training worker stopped',
  [ErrorCode.INTERNAL]: 'Something went wrong',
};

export function createBanner(root) {
  const banner = root.getElementById('error-banner');
  const title = root.getElementById('error-title');
  const message = root.getElementById('error-message');
  const hint = root.getElementById('error-hint');
  root.getElementById('error-dismiss').addEventListener('click', () => hide());
  // The action's button goes under the hint; made here, so the markup needs no change for it.
  const actionLine = hint.ownerDocument.createElement('p');
  const actionButton = hint.ownerDocument.createElement('button');
  actionButton.type = 'button';
  actionButton.id = 'error-action';
  actionLine.append(actionButton);
  actionLine.hidden = true;
  hint.after(actionLine);
  let action = null;
  actionButton.addEventListener('click', () => action?.run());

  /**
   * @param {{code?: string, message?: string, hint?: string}} error
   * @param {{action?: {label: string, run: () => void}}} [options]  a button for the way out
   */
  function show({ code = ErrorCode.INTERNAL, message: text = '', hint: help = '' }, { action: next } = {}) {
    title.textContent = TITLES[code] ?? TITLES[ErrorCode.INTERNAL];
    message.textContent = text;
    hint.textContent = help;
    hint.hidden = !help;
    action = next ?? null;
    actionButton.textContent = action?.label ?? '';
    actionLine.hidden = !action;
    banner.dataset.code = code;
    banner.hidden = false;
  }

  function hide() {
    banner.hidden = true;
    action = null;
    actionLine.hidden = true;
    delete banner.dataset.code;
  }

  return { show, hide, get code() { return banner.hidden ? null : banner.dataset.code; } };
}
