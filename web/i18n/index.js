// The interface's languages: one message catalogue per language (web/i18n/<lang>/*.js, merged
// here), a translator per playground, and the choice of language from the browser's preferences
// when none was asked for. Views never hold interface text: they ask t('key') (or mark static
// markup with data-i18n="key"), so every string exists once per language and a test checks
// that the catalogues have the same keys.
import enUi from './en/ui.js';
import enTeach from './en/teach.js';
import enCompare from './en/compare.js';
import enLessons from './en/lessons.js';
import enBench from './en/bench.js';
import zhUi from './zh/ui.js';
import zhTeach from './zh/teach.js';
import zhCompare from './zh/compare.js';
import zhLessons from './zh/lessons.js';
import zhBench from './zh/bench.js';

/**
 * Language code -> {name (in that language), tag (the BCP 47 tag for lang attributes: screen
 * readers pick their voice and browsers their fonts from it), locale (for numbers and dates),
 * messages}.
 */
export const LANGUAGES = Object.freeze({
  en: Object.freeze({ name: 'English', tag: 'en', locale: 'en-US',
    messages: Object.freeze({ ...enUi, ...enTeach, ...enCompare, ...enLessons, ...enBench }) }),
  zh: Object.freeze({ name: '中文', tag: 'zh-Hans', locale: 'zh-CN',
    messages: Object.freeze({ ...zhUi, ...zhTeach, ...zhCompare, ...zhLessons, ...zhBench }) }),
});
export const DEFAULT_LANGUAGE = 'en';
/**
 * The language of the worker's and the engine's own messages. Their error messages stay as they
 * are (the detail); in another language the page shows its catalogue's title and hint for the
 * error's code (error.<code>.title/hint) instead of the engine's hint.
 */
export const ENGINE_LANGUAGE = 'en';

/**
 * The language to show: `asked` (an attribute or ?lang=) when it names one we have, else the
 * first of the browser's preferred languages we have (zh-CN, zh-Hans, zh-TW -> zh), else English.
 * @param {string|null|undefined} asked  @param {readonly string[]} [preferred] navigator.languages
 */
export function pickLanguage(asked, preferred = globalThis.navigator?.languages ?? []) {
  for (const tag of [asked, ...preferred]) {
    const code = String(tag ?? '').toLowerCase().split(/[-_]/)[0];
    if (code in LANGUAGES) return code;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * A translator for `lang`: t(key, params) is the message with {name} placeholders filled. A key
 * missing from the catalogue shows as the key itself (and is reported once), never as nothing.
 */
export function translator(lang) {
  const messages = (LANGUAGES[lang] ?? LANGUAGES[DEFAULT_LANGUAGE]).messages;
  return function t(key, params = {}) {
    const text = messages[key];
    if (text === undefined) {
      reportMissing(lang, key);
      return key;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}

const reported = new Set();
function reportMissing(lang, key) {
  if (reported.has(`${lang}:${key}`)) return;
  reported.add(`${lang}:${key}`);
  console.error(`mnist-playground: no "${lang}" text for "${key}"`);
}

/**
 * One playground's language: lang, t, set(lang) and onChange(listener) (returns an unsubscribe);
 * also tag and locale (LANGUAGES), and has(key) for text that may have no entry (an engine preset
 * the catalogue does not know yet keeps the engine's English).
 * @param {string} lang
 */
export function createI18n(lang) {
  const listeners = new Set();
  const i18n = {
    lang: lang in LANGUAGES ? lang : DEFAULT_LANGUAGE,
    t: translator(lang in LANGUAGES ? lang : DEFAULT_LANGUAGE),
    get tag() { return LANGUAGES[i18n.lang].tag; },
    get locale() { return LANGUAGES[i18n.lang].locale; },
    has: (key) => key in LANGUAGES[i18n.lang].messages,
    set(next) {
      if (!(next in LANGUAGES) || next === i18n.lang) return;
      i18n.lang = next;
      i18n.t = translator(next);
      for (const listener of listeners) listener(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return i18n;
}
