// Keeping the trained model across reloads: at the end of each epoch (the bytes the worker sends
// with the epoch), after a finished or stopped run's test evaluation and after a loaded model
// file, the model file's bytes and the run record (curves, test figures) are saved under this
// playground's key (web/app/saved-models.js); when the data is ready, a saved model is loaded back
// into the engine and announced with the date it was trained and its accuracy. A saved model the
// engine no longer accepts is deleted, and the notice says why. A new model (configure, reset)
// cancels any save still on its way, so a fresh model never overwrites the trained one by accident.
import { deleteSavedModel, getSavedModel, putSavedModel, savedModelsAvailable } from './saved-models.js';

/**
 * @param {object} options
 * @param {string|null} options.key     null: nothing is kept
 * @param {ReturnType<typeof import('../views/restore-notice.js').createRestoreNotice>} options.notice
 * @param {() => Promise<Uint8Array>} options.saveModel     the engine's model file, now
 * @param {(bytes: Uint8Array) => Promise<unknown>} options.loadModel
 * @param {() => {record: object, epochsDone: number, trainedAt: number, config: object, mountedWith: string, dataset: string}} options.snapshot
 * @param {(saved: object) => boolean} options.fits  whether a saved model belongs to this mount
 */
export function createPersistence({ key, notice, saveModel, loadModel, snapshot, fits }) {
  const enabled = Boolean(key) && savedModelsAvailable();
  let generation = 0;  // bumped by cancel(): a save started before it is dropped
  let queue = Promise.resolve();

  function put(bytes) {
    const { record, epochsDone, trainedAt, config, mountedWith, dataset } = snapshot();
    const lastEpoch = record.epochs[record.epochs.length - 1];
    return putSavedModel({
      key, bytes, savedAt: Date.now(), trainedAt, epochsDone, config, mountedWith, dataset,
      valAccuracy: lastEpoch?.valAcc, testAccuracy: record.test?.accuracy,
      record: structuredClone(record),
    });
  }

  /** Runs saves one after another; failures are logged (keeping the model is a convenience). */
  function enqueue(task) {
    const mine = generation;
    queue = queue.then(() => (mine === generation ? task(() => mine === generation) : undefined))
      .catch((err) => console.warn(`the model could not be kept in this browser: ${err.message}`));
  }

  return {
    /** Saves these model-file bytes with the current record (an epoch's end). */
    saveBytes(bytes) {
      if (enabled) enqueue(() => put(bytes));
    },
    /** Asks the engine for the model and saves it (a finished or stopped run, a loaded file). */
    saveNow() {
      if (!enabled) return;
      enqueue(async (current) => {
        const bytes = await saveModel();
        if (current()) await put(bytes);
      });
    },
    /** Drops saves not yet done: the model they were for has been replaced. */
    cancel() {
      generation += 1;
    },
    /**
     * Loads the saved model, if any, into the engine. @returns {Promise<object|null>} the saved
     * entry (with its run record) when the engine took it, else null.
     */
    async restore() {
      if (!enabled) return null;
      let saved;
      try {
        saved = await getSavedModel(key);
      } catch (err) {
        console.warn(`saved models are not readable here: ${err.message}`);
        return null;
      }
      if (!saved || !fits(saved)) return null;
      try {
        await loadModel(saved.bytes.slice());
      } catch (err) {
        await deleteSavedModel(key).catch(() => {});
        notice.unusable(err.message);
        return null;
      }
      notice.restored(saved);
      return saved;
    },
    hideNotice: () => notice.hide(),
    /** Deletes the saved model and hides the notice. */
    async discard() {
      generation += 1;
      notice.hide();
      if (enabled) await queue.then(() => deleteSavedModel(key)).catch(() => {});
    },
  };
}
