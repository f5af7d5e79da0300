// Keeping the trained model across reloads: after each epoch, a finished or stopped run, a test
// evaluation and a loaded model file, the model file's bytes and the run record (curves, test
// figures) are saved under this playground's key (web/app/saved-models.js); when the data is
// ready, a saved model is loaded back into the engine and announced with the date it was trained
// and its accuracy. A saved model the engine no longer accepts is deleted, and the notice says why.
import { deleteSavedModel, getSavedModel, putSavedModel, savedModelsAvailable } from './saved-models.js';

const SAVE_DELAY_MS = 250;  // coalesces the saves of one moment (epoch end + final evaluation)

/**
 * @param {object} options
 * @param {string|null} options.key     null: nothing is kept
 * @param {ReturnType<typeof import('../views/restore-notice.js').createRestoreNotice>} options.notice
 * @param {() => Promise<Uint8Array>} options.saveModel     the engine's model file
 * @param {(bytes: Uint8Array) => Promise<unknown> & {id: number}} options.loadModel
 * @param {() => {record: object, epochsDone: number}} options.snapshot  what goes beside the bytes
 * @param {(saved: object) => boolean} options.fits  whether a saved model belongs to this mount
 */
export function createPersistence({ key, notice, saveModel, loadModel, snapshot, fits }) {
  const enabled = Boolean(key) && savedModelsAvailable();
  let timer = 0;
  let restoringId = 0;
  let saving = Promise.resolve();

  async function save() {
    const bytes = await saveModel();
    const { record, epochsDone, config, mountedWith } = snapshot();
    const lastEpoch = record.epochs[record.epochs.length - 1];
    await putSavedModel({
      key, bytes, savedAt: Date.now(), epochsDone, config, mountedWith,
      valAccuracy: lastEpoch?.valAcc, testAccuracy: record.test?.accuracy,
      record: structuredClone(record),
    });
  }

  return {
    enabled,
    /** Saves the current model shortly (failures are logged: keeping it is a convenience). */
    saveSoon() {
      if (!enabled) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        saving = saving.then(save).catch((err) => console.warn(`the model could not be kept in this browser: ${err.message}`));
      }, SAVE_DELAY_MS);
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
      const loading = loadModel(saved.bytes.slice());
      restoringId = loading.id;
      try {
        await loading;
      } catch (err) {
        await deleteSavedModel(key).catch(() => {});
        notice.unusable(err.message);
        return null;
      } finally {
        restoringId = 0;
      }
      notice.restored(saved);
      return saved;
    },
    /** True for the id of the restore's own load request (its failure is the notice's to tell). */
    ownsRequest: (id) => Boolean(id) && id === restoringId,
    hideNotice: () => notice.hide(),
    /** Deletes the saved model and hides the notice. */
    async discard() {
      clearTimeout(timer);
      notice.hide();
      if (enabled) await deleteSavedModel(key).catch(() => {});
    },
  };
}
