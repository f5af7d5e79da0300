// "Download model", "Download ONNX" and "Load model file" in the Training panel: the model as a
// file, in the engine's format (core/io/model_file.h: spec, config, weights and optimizer state),
// the one the CLI's --save writes and --load reads; or as ONNX (core/io/onnx_export.h, opset 13),
// the one --export-onnx writes, for other frameworks. The bytes come from and go to the worker
// (save-model / model-file, export-onnx / onnx-file, load-model in protocol.js); this module only
// moves them between it and the disk.
import { RunState } from '../engine/protocol.js';
import { downloadBlob } from './download.js';

export const MODEL_FILE_NAME = 'mnist-model.bin';
export const ONNX_FILE_NAME = 'mnist-model.onnx';

/**
 * @param {object} actions
 * @param {() => void} actions.save                      asks the worker for the model file
 * @param {() => void} actions.exportOnnx                asks the worker for the model as ONNX
 * @param {(bytes: Uint8Array, name: string) => void} actions.load  a file the visitor chose
 */
export function createModelFileButtons(root, { save, exportOnnx, load }) {
  const $ = (id) => root.getElementById(id);
  const saveButton = $('save-model-button');
  const onnxButton = $('export-onnx-button');
  const loadButton = $('load-model-button');
  const input = $('load-model-input');

  let runState = RunState.LOADING;
  let trained = false;
  saveButton.addEventListener('click', () => save());
  onnxButton.addEventListener('click', () => exportOnnx());
  // The file input stays hidden: the button is the control people (and screen readers) see.
  loadButton.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';  // so choosing the same file again is a change again
    if (file) load(new Uint8Array(await file.arrayBuffer()), file.name);
  });

  return {
    /** Loading replaces the model, so not during a run; saving needs a model that learnt something. */
    setRunState(state) {
      runState = state;
      saveButton.disabled = state === RunState.LOADING || !trained;
      onnxButton.disabled = saveButton.disabled;
      loadButton.disabled = state === RunState.LOADING || state === RunState.RUNNING || state === RunState.PAUSED;
    },
    /** Whether the model has learnt something worth downloading. */
    setTrained(value) {
      trained = value;
      this.setRunState(runState);
    },
    /** Hands the model file to the browser as a download. @param {Uint8Array} bytes */
    download(bytes) {
      downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), MODEL_FILE_NAME);
    },
    /** Hands the ONNX file to the browser as a download. @param {Uint8Array} bytes */
    downloadOnnx(bytes) {
      downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), ONNX_FILE_NAME);
    },
  };
}
