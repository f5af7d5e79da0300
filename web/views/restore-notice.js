// The line that says a saved model was brought back ("Restored the model trained on 1 Dec 2026,
// 97.9% test accuracy") with a button to discard it, or that a saved model could not be used.
import { formatPercent } from './canvas/format.js';

/** @param {{discard: () => void}} actions */
export function createRestoreNotice(root, { discard }) {
  const notice = root.getElementById('restore-notice');
  const text = root.getElementById('restore-text');
  const button = root.getElementById('discard-saved');
  button.addEventListener('click', () => discard());

  return {
    /** @param {{trainedAt?: number, savedAt: number, epochsDone: number, testAccuracy?: number, valAccuracy?: number}} saved */
    restored({ trainedAt, savedAt, epochsDone, testAccuracy, valAccuracy }) {
      const when = new Date(trainedAt ?? savedAt);
      const date = when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      notice.dataset.trainedAt = when.toISOString();
      const accuracy = Number.isFinite(testAccuracy) ? `${formatPercent(testAccuracy, 2)} test accuracy`
        : Number.isFinite(valAccuracy) ? `${formatPercent(valAccuracy, 2)} validation accuracy` : 'not evaluated yet';
      const epochs = `${epochsDone} epoch${epochsDone === 1 ? '' : 's'}`;
      text.textContent = `Restored the model trained on ${date} (${epochs}, ${accuracy}). ` +
        'Continue training it, or discard it to start afresh.';
      button.hidden = false;
      notice.hidden = false;
    },
    /** The saved model could not be used (the engine's reason); it has been deleted. */
    unusable(reason) {
      text.textContent = `A saved model could not be restored and was deleted: ${reason}`;
      button.hidden = true;
      notice.hidden = false;
    },
    hide() {
      notice.hidden = true;
    },
  };
}
