// The line that says a saved model was brought back ("Restored the model trained on 1 Dec 2026,
// 97.9% test accuracy") with a button to discard it, or that a saved model could not be used.
import { formatPercent } from './canvas/format.js';

/**
 * @param {ShadowRoot} root
 * @param {{discard: () => void}} actions
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 */
export function createRestoreNotice(root, { discard }, i18n) {
  const notice = root.getElementById('restore-notice');
  const text = root.getElementById('restore-text');
  const button = root.getElementById('discard-saved');
  button.addEventListener('click', () => discard());
  let render = () => '';  // the notice's text in the current language
  i18n.onChange(() => { text.textContent = render(i18n.t); });

  return {
    /** @param {{trainedAt?: number, savedAt: number, epochsDone: number, testAccuracy?: number, valAccuracy?: number}} saved */
    restored({ trainedAt, savedAt, epochsDone, testAccuracy, valAccuracy }) {
      const when = new Date(trainedAt ?? savedAt);
      notice.dataset.trainedAt = when.toISOString();
      render = (t) => {
        const accuracy = Number.isFinite(testAccuracy) ? t('restore.testAccuracy', { accuracy: formatPercent(testAccuracy, 2) })
          : Number.isFinite(valAccuracy) ? t('restore.validationAccuracy', { accuracy: formatPercent(valAccuracy, 2) })
            : t('restore.notEvaluated');
        return t('restore.restored', {
          date: when.toLocaleString(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }),
          epochs: t(epochsDone === 1 ? 'restore.epoch' : 'restore.epochs', { count: epochsDone }),
          accuracy,
        });
      };
      text.textContent = render(i18n.t);
      button.hidden = false;
      notice.hidden = false;
    },
    /** The saved model could not be used (the engine's reason); it has been deleted. */
    unusable(reason) {
      render = (t) => t('restore.unusable', { reason });
      text.textContent = render(i18n.t);
      button.hidden = true;
      notice.hidden = false;
    },
    hide() {
      notice.hidden = true;
    },
  };
}
