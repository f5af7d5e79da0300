// The visible error banner: one message at a time, with what happened and what to do about it,
// and when there is a one-click way out (back from a diverged run, a new engine after a failure)
// a button for it. Fed by the worker's error messages (protocol.js ErrorCode) and by the page's
// own checks. The title comes from the catalogue by error code (error.<code>.title); the
// message is the engine's own (English) detail; the hint is the engine's where the page speaks
// its language, else the catalogue's hint for the code.
import { ErrorCode } from '../engine/protocol.js';
import { ENGINE_LANGUAGE } from '../i18n/index.js';

/** The catalogue key of an error code's title or hint; unknown codes read as internal errors. */
export function errorKey(code, part) {
  return `error.${Object.values(ErrorCode).includes(code) ? code : ErrorCode.INTERNAL}.${part}`;
}

/** @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n */
export function createBanner(root, i18n) {
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
  let shown = null;  // the error shown, to show again in another language
  actionButton.addEventListener('click', () => action?.run());

  function render() {
    if (!shown) return;
    const { t } = i18n;
    const { code, message: text, hint: help } = shown;
    title.textContent = t(errorKey(code, 'title'));
    message.textContent = text;
    const shownHint = i18n.lang === ENGINE_LANGUAGE ? help : t(errorKey(code, 'hint'));
    hint.textContent = shownHint;
    hint.hidden = !shownHint;
    actionButton.textContent = action?.label() ?? '';
  }
  i18n.onChange(render);

  /**
   * @param {{code?: string, message?: string, hint?: string}} error
   * @param {{action?: {label: () => string, run: () => void}}} [options]  a button for the way out;
   *   its label is asked for in the current language
   */
  function show({ code = ErrorCode.INTERNAL, message: text = '', hint: help = '' }, { action: next } = {}) {
    shown = { code, message: text, hint: help };
    action = next ?? null;
    actionLine.hidden = !action;
    banner.dataset.code = code;
    banner.hidden = false;
    render();
  }

  function hide() {
    banner.hidden = true;
    shown = null;
    action = null;
    actionLine.hidden = true;
    delete banner.dataset.code;
  }

  return { show, hide, get code() { return banner.hidden ? null : banner.dataset.code; } };
}
