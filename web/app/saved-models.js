// The trained model kept in the browser (IndexedDB), so a reload brings it back: the model file's
// bytes (the engine's format, the one the CLI reads), the settings, the curves, and when it was
// saved. One record per key: a page with two playgrounds gives each its own key. IndexedDB
// through `idb`, a ~1 kB promise wrapper that turns its request/event API into async/await.
import { openDB } from 'idb';

const DB_NAME = 'mnist-playground';
const STORE = 'models';

let dbPromise = null;
function db() {
  dbPromise ??= openDB(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE, { keyPath: 'key' });
    },
  });
  return dbPromise;
}

/** True when this browser offers IndexedDB (private modes and some embeds do not). */
export const savedModelsAvailable = () => typeof indexedDB !== 'undefined';

/**
 * @typedef {object} SavedModel
 * @property {string} key
 * @property {Uint8Array} bytes      the model file
 * @property {number} savedAt        ms since the epoch
 * @property {number} trainedAt      when the model last trained (ms since the epoch)
 * @property {number} epochsDone
 * @property {number} [valAccuracy]
 * @property {number} [testAccuracy]
 * @property {object} record         the run record (web/app/run-record.js)
 * @property {object} config         the engine's TrainConfig of the model
 * @property {string} mountedWith    the settings the playground was mounted with
 */

/** @param {SavedModel} model */
export async function putSavedModel(model) {
  await (await db()).put(STORE, model);
}

/** @returns {Promise<SavedModel|undefined>} */
export async function getSavedModel(key) {
  return (await db()).get(STORE, key);
}

export async function deleteSavedModel(key) {
  await (await db()).delete(STORE, key);
}
