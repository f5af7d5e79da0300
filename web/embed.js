// The iframe route (public/embed.html?preset=cnn-small&controls=compact&theme=dark): one
// <mnist-playground> filling the frame, configured by the query string, for hosts that cannot
// load modules. Every attribute of the element is a query key of the same name; the other keys
// are settings (model=..., lr=..., as the full page's links carry them).
import { startOffline } from './app/offline.js';

const ATTRIBUTES = ['preset', 'controls', 'epochs', 'theme', 'lang', 'lesson', 'autostart', 'persist', 'build', 'threads', 'data-src', 'engine-src'];

const element = document.getElementById('playground');
const params = new URLSearchParams(location.search);
const settings = new URLSearchParams();
for (const [key, value] of params) {
  if (ATTRIBUTES.includes(key)) element.setAttribute(key, value);
  else if (key === 'data') element.setAttribute('data-src', value);
  else settings.append(key, value);
}
if ([...settings].length) element.setAttribute('settings', settings.toString());
if (!element.hasAttribute('persist')) element.setAttribute('persist', `embed:${params.toString()}`);

await startOffline();
await import('./element.js');
