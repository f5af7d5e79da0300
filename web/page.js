// The full page (public/index.html): one <mnist-playground> with every control, whose settings
// live in the address bar, so a link reproduces a run. Page options in the URL besides the
// settings: ?data=URL (the MNIST folder) and ?build=simd|scalar. The service worker is registered
// first and the element loaded after it is in control, so that everything the playground fetches
// on a first visit is kept for offline use.
import { startOffline } from './app/offline.js';

const element = document.getElementById('playground');
const params = new URLSearchParams(location.search);
element.setAttribute('settings', params.toString());
if (params.get('data')) element.setAttribute('data-src', params.get('data'));
if (params.get('build')) element.setAttribute('build', params.get('build'));

element.addEventListener('settingschange', (event) => {
  const url = new URL(location.href);
  url.search = event.detail.query;
  history.replaceState(null, '', url);  // no new history entry per change
});

await startOffline();
await import('./element.js');
