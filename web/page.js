// The full page (public/index.html): one <mnist-playground> with every control, whose settings
// live in the address bar, so a link reproduces a run. Page options in the URL besides the
// settings: ?data=URL (the MNIST folder), ?build=threads|simd|scalar, ?threads=N, ?lesson=neuron (a guided lesson,
// web/lessons/) and ?lang=en|zh (the interface's language; without it, the browser's). The
// lesson opened and the language menu's choice go to the address bar too,
// and the page's own header and footer follow it. The service worker is registered first and the
// element (and everything it imports) loaded after it is in control, so that everything the
// playground fetches on a first visit is kept for offline use.
import { startOffline } from './app/offline.js';

const element = document.getElementById('playground');
const params = new URLSearchParams(location.search);
const lang = params.get('lang');
params.delete('lang');
if (lang) element.setAttribute('lang', lang);
let lesson = params.get('lesson');
params.delete('lesson');
if (lesson) element.setAttribute('lesson', lesson);
element.setAttribute('settings', params.toString());
if (params.get('data')) element.setAttribute('data-src', params.get('data'));
if (params.get('build')) element.setAttribute('build', params.get('build'));
if (params.get('threads')) element.setAttribute('threads', params.get('threads'));

/**
 * The address bar: the settings, the open lesson, and the language when one was chosen (not the
 * browser's).
 */
function showInAddressBar(query) {
  const url = new URL(location.href);
  const search = new URLSearchParams(query);
  if (lesson) search.set('lesson', lesson);
  if (element.hasAttribute('lang')) search.set('lang', element.language ?? element.getAttribute('lang'));
  url.search = search.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  history.replaceState(null, '', url);  // no new history entry per change
}
let settingsQuery = params.toString();
element.addEventListener('settingschange', (event) => {
  settingsQuery = event.detail.query;
  showInAddressBar(settingsQuery);
});
element.addEventListener('lessonchange', (event) => {
  lesson = event.detail.lesson;
  showInAddressBar(settingsQuery);
});

await startOffline();
const { LANGUAGES, pickLanguage, translator } = await import('./i18n/index.js');
const { translateMarkup } = await import('./views/translate.js');

/** The page around the element (title, header, footer) in `code`'s language. */
function translatePage(code) {
  const t = translator(code);
  document.documentElement.lang = LANGUAGES[code].tag;
  document.title = t('page.title');
  translateMarkup(document, t);
}
translatePage(pickLanguage(lang));
element.addEventListener('languagechange', (event) => {
  translatePage(event.detail.lang);
  showInAddressBar(settingsQuery);
});

await import('./element.js');
