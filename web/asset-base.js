// Where the engines and the data live by default: beside web/ in every layout this project ships
// (dist/ and the npm package: every script flat in dist/web/ next to dist/engine/ and
// dist/data/<dataset>/), so the URLs follow the module, never the host page. The dev server (npm
// start) serves web/ from /@fs/<checkout>/web/, since web/ is outside its root (public/), and the
// engines and data from the site root: there the base is the origin. `here` is a variable on
// purpose: bundlers rewrite only the literal new URL('...', import.meta.url) form, and these are
// folders, not files to bundle.
const here = import.meta.url;

function base() {
  const url = new URL(here);
  return url.pathname.startsWith('/@fs/') ? `${url.origin}/` : new URL('../', url).href;
}

/** The folder holding engine-{simd,scalar}.{mjs,wasm}. */
export const defaultEngineUrl = () => new URL('engine/', base()).href;
/** The folder holding a built-in dataset's four .gz files and SHA256SUMS.raw: data/<id>/. */
export const defaultDataUrl = (dataset = 'mnist') => new URL(`data/${dataset}/`, base()).href;
/** The service worker that keeps the app, the engines and the data for offline use. */
export const serviceWorkerUrl = () => new URL('sw.js', base()).href;
