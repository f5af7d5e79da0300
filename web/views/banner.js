// The visible error banner: one message at a time, with what happened and what to do about it.
// Fed by the worker's error messages (protocol.js ErrorCode) and by the page's own checks.
import { ErrorCode } from '../engine/protocol.js';

const TITLES = {
  [ErrorCode.NO_WASM]: 'This browser cannot run WebAssembly',
  [ErrorCode.ENGINE_MISSING]: 'The engine could not be loaded',
  [ErrorCode.DATA_UNREACHABLE]: 'The MNIST data could not be reached',
  [ErrorCode.DATA_NOT_FOUND]: 'The MNIST data was not found',
  [ErrorCode.CHECKSUM_MISMATCH]: 'The MNIST data failed its checksum',
  [ErrorCode.PARSE_ERROR]: 'The MNIST data could not be read',
  [ErrorCode.BAD_CONFIG]: 'These settings do not make a valid model',
  [ErrorCode.BAD_MODEL_FILE]: 'This model file could not be loaded',
  [ErrorCode.DIVERGED]: 'Training diverged (the loss is not a number)',
  [ErrorCode.NOT_READY]: 'Not ready yet',
  [ErrorCode.INTERNAL]: 'Something went wrong',
};

export function createBanner(root) {
  const banner = root.getElementById('error-banner');
  const title = root.getElementById('error-title');
  const message = root.getElementById('error-message');
  const hint = root.getElementById('error-hint');
  root.getElementById('error-dismiss').addEventListener('click', () => hide());

  function show({ code = ErrorCode.INTERNAL, message: text = '', hint: help = '' }) {
    title.textContent = TITLES[code] ?? TITLES[ErrorCode.INTERNAL];
    message.textContent = text;
    hint.textContent = help;
    hint.hidden = !help;
    banner.dataset.code = code;
    banner.hidden = false;
  }

  function hide() {
    banner.hidden = true;
    delete banner.dataset.code;
  }

  return { show, hide, get code() { return banner.hidden ? null : banner.dataset.code; } };
}
