// "The model as code" under the model file buttons: the current model as a PyTorch module or a
// Keras model (core/io/code_export.h, export-code / code-file in protocol.js), to read, copy or
// download as a .py file. The code holds the layers only; its load_onnx_weights reads the
// weights from the file "Download ONNX" gives. The text is asked for when the view opens, when
// the framework changes and when the model changes while it is open.

import { downloadBlob } from './download.js';

export const CODE_FILE_NAMES = Object.freeze({
  pytorch: 'mnist_model_pytorch.py',
  keras: 'mnist_model_keras.py',
});

/**
 * @param {ShadowRoot} root
 * @param {object} options
 * @param {(framework: string) => Promise<string>} options.exportCode  the worker's code for it
 *   (a refusal rejects, and the banner says why)
 * @param {{t: (key: string) => string}} options.i18n
 */
export function createCodeView(root, { exportCode, i18n }) {
  const $ = (id) => root.getElementById(id);
  const details = $('code-view');
  const framework = $('code-framework');
  const code = $('code-text');
  const copy = $('code-copy');
  const download = $('code-download');
  const status = $('code-status');

  let hasModel = false;
  let shown = { framework: '', text: '' };
  let asked = 0;  // only the latest request's answer is shown

  function show(next) {
    shown = next;
    code.textContent = next.text;
    copy.disabled = download.disabled = !next.text;
    status.textContent = '';
  }

  async function refresh() {
    if (!details.open || !hasModel) return;
    const request = ++asked;
    const wanted = framework.value;
    try {
      const text = await exportCode(wanted);
      if (request === asked) show({ framework: wanted, text });
    } catch {
      if (request === asked) show({ framework: '', text: '' });
    }
  }

  details.addEventListener('toggle', refresh);
  framework.addEventListener('change', refresh);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(shown.text);
      status.textContent = i18n.t('code.copied');
    } catch {
      getSelection().selectAllChildren(code);  // no clipboard here: selected, to copy by hand
    }
  });
  download.addEventListener('click', () => {
    const file = new Blob([shown.text], { type: 'text/x-python' });
    downloadBlob(file, CODE_FILE_NAMES[shown.framework]);
  });

  return {
    /** A model was built or loaded: the code shown is asked for again. */
    modelChanged() {
      hasModel = true;
      refresh();
    },
  };
}
