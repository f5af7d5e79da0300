// The language menu (English, 中文) beside the theme menu: each language named in itself, so a
// reader finds theirs whatever the page speaks now. Choosing one calls `choose`, which sets the
// element's `lang` attribute (as the theme menu sets `theme`); the menu follows the language
// whoever changed it.
import { LANGUAGES } from '../i18n/index.js';

/**
 * @param {ShadowRoot} root
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {(lang: string) => void} choose
 */
export function createLanguageSwitch(root, i18n, choose) {
  const select = root.getElementById('language-choice');
  select.replaceChildren(...Object.entries(LANGUAGES).map(([code, { name, tag }]) => {
    const option = new Option(name, code);
    option.lang = tag;  // read out in its own language's voice
    return option;
  }));
  select.value = i18n.lang;
  select.addEventListener('change', () => choose(select.value));
  i18n.onChange((lang) => { select.value = lang; });
}
