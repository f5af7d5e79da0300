// The visible error banner: one message at a time, with what happened and what to do about it.
// Fed by the worker's error messages (protocol.js ErrorCode) and by the page's own checks.

const TITLES = {
  'no-webassembly': 'This browser cannot run WebAssembly',
  'engine-missing': 'The engine could not be loaded',
  'data-unreachable': 'The MNIST data could not be reached',
  'data-not-found': 'The MNIST data was not found',
  'checksum-mismatch': 'The MNIST data failed its checksum',
  'parse-error': 'The MNIST data could not be read',
  'bad-config': 'These settings do not make a valid model',
  diverged: 'Training diverged (the loss is not a number)',
  'not-ready': 'Not ready yet',
  internal: 'Something went wrong',
};

export function createBanner() {
  const banner = document.getElementById('error-banner');
  const title = document.getElementById('error-title');
  const message = document.getElementById('error-message');
  const hint = document.getElementById('error-hint');
  document.getElementById('error-dismiss').addEventListener('click', () => hide());

  function show({ code = 'internal', message: text = '', hint: help = '' }) {
    title.textContent = TITLES[code] ?? TITLES.internal;
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
