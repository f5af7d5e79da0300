// Vite serves the pages in development (npm start) and builds the static site and the npm
// package's files (npm run build). Layout: the pages are public/*.html (so public/ is Vite's root),
// their modules are in web/, the engines are built into public/engine/ by scripts/build-wasm.sh,
// and the datasets live in data/mnist/ and data/fashion-mnist/ (made by scripts/setup.sh). The
// plugin below serves /engine/ and /data/<id>/ as plain files in development and copies them into
// dist/ on build, with their names
// unchanged: the worker fetches them by URL at run time, so they must not be bundled or hashed.
//
// Both servers (npm start, vite preview) send the cross-origin isolation headers (ISOLATION below),
// so the page gets SharedArrayBuffer and the threaded engine; dist/ on a host without them runs
// the single-threaded SIMD engine.
//
// dist/ layout, which web/asset-base.js relies on (it finds the engines at ../engine/ and the data
// at ../data/mnist/ relative to its own chunk, so every JS file must sit in one flat folder):
//   index.html, embed.html, embed-demo.html, sw.js
//   web/mnist-playground.js   the library entry (web/index.js), a stable name for script tags
//   web/*-[hash].js|css       every other chunk, the worker's included
//   engine/*, data/mnist/*, data/fashion-mnist/*
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(repo, 'public');
const engineDir = path.join(root, 'engine');
// The built-in datasets' folders (scripts/fetch-data.sh fills data/<id>/); MNIST_DATA_DIR and
// FASHION_MNIST_DATA_DIR serve others, e.g. Debian's /usr/share/datasets/fashion-mnist.
const dataDirs = {
  mnist: process.env.MNIST_DATA_DIR ? path.resolve(process.env.MNIST_DATA_DIR) : path.join(repo, 'data', 'mnist'),
  'fashion-mnist': process.env.FASHION_MNIST_DATA_DIR ? path.resolve(process.env.FASHION_MNIST_DATA_DIR)
    : path.join(repo, 'data', 'fashion-mnist'),
};
const ENGINE_FILES = ['engine-simd.mjs', 'engine-simd.wasm', 'engine-scalar.mjs', 'engine-scalar.wasm',
  'engine-threads.mjs', 'engine-threads.wasm', 'engine-threads.worker.js'];
const DATA_FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz', 'SHA256SUMS.raw'];
const TYPES = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.gz': 'application/gzip', '.raw': 'text/plain' };

// url prefix -> folder, files allowed
const STATIC_MOUNTS = [
  { prefix: '/engine/', dir: engineDir, files: ENGINE_FILES },
  ...Object.entries(dataDirs).map(([id, dir]) => ({ prefix: `/data/${id}/`, dir, files: DATA_FILES, data: true })),
];

// Cross-origin isolation: the page may share memory with its workers (SharedArrayBuffer, which the
// threaded engine's pthreads need) once it is alone in its browsing context group (COOP) and loads
// nothing from other origins that did not agree to it (COEP; every file here is same-origin).
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Sends ISOLATION with every response, the pages', the workers' and the mounts' alike. */
function isolate(req, res, next) {
  for (const [name, value] of Object.entries(ISOLATION)) res.setHeader(name, value);
  next();
}

/** Serves the mounts byte for byte (no transform, no Content-Encoding), 404 for anything else. */
function serveStatic(req, res, next) {
  const url = new URL(req.url, 'http://localhost');
  const mount = STATIC_MOUNTS.find((m) => url.pathname.startsWith(m.prefix));
  if (!mount) return next();
  const name = decodeURIComponent(url.pathname.slice(mount.prefix.length));
  const file = path.join(mount.dir, name);
  if (!mount.files.includes(name) || !fs.existsSync(file)) {
    res.statusCode = 404;
    res.end(`not found: ${url.pathname}`);
    return undefined;
  }
  res.setHeader('Content-Type', TYPES[path.extname(name)] ?? 'application/octet-stream');
  res.setHeader('Content-Length', fs.statSync(file).size);
  res.setHeader('Cache-Control', 'no-cache');
  fs.createReadStream(file).pipe(res);
  return undefined;
}

function engineAndData() {
  return {
    name: 'mnist-engine-and-data',
    configureServer(server) {
      server.middlewares.use(isolate);
      server.middlewares.use(serveStatic);
    },
    configurePreviewServer(server) {
      server.middlewares.use(isolate);
      server.middlewares.use(serveStatic);
    },
    // Copies engine and data into dist/ unchanged. MNIST_NO_DATA=1 leaves the data out (then host
    // it yourself beside the page at data/<id>/, or pass ?data=URL to the page). The service
    // worker is copied too: it must keep its name and sit at the top so its scope covers the pages.
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: fs.readFileSync(path.join(root, 'sw.js')) });
      for (const mount of STATIC_MOUNTS) {
        if (mount.data && process.env.MNIST_NO_DATA === '1') continue;
        for (const name of mount.files) {
          const file = path.join(mount.dir, name);
          // SHA256SUMS.raw is optional: the engine pins the built-in datasets' sums.
          if (mount.data && name === 'SHA256SUMS.raw' && !fs.existsSync(file)) continue;
          if (!fs.existsSync(file)) {
            this.error(`${file} is missing: run scripts/build-wasm.sh and scripts/setup.sh first`);
          }
          this.emitFile({ type: 'asset', fileName: mount.prefix.slice(1) + name, source: fs.readFileSync(file) });
        }
      }
    },
  };
}

export default defineConfig({
  root,                              // the pages are public/*.html
  publicDir: false,                  // nothing is copied blindly; the plugin copies engine, data, sw.js
  base: './',                        // relative URLs: dist/ works from any folder of any static host
  appType: 'mpa',                    // a missing file is a 404, not index.html (no SPA fallback)
  plugins: [engineAndData()],
  // index.html loads ../web/*.js; a browser asks the dev server for /web/....
  resolve: { alias: [{ find: /^\/web\//, replacement: `${path.join(repo, 'web')}/` }] },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT) || 8080,
    strictPort: true,
    fs: { allow: [repo] },           // web/ is outside the root
  },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT) || 8080, strictPort: true },
  worker: { format: 'es' },          // the training worker is a module worker
  build: {
    outDir: path.join(repo, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
    assetsDir: 'web',                // every chunk and asset (the worker's too) in dist/web/
    rolldownOptions: {
      input: {
        index: path.join(root, 'index.html'),
        embed: path.join(root, 'embed.html'),
        'embed-demo': path.join(root, 'embed-demo.html'),
        'mnist-playground': path.join(repo, 'web', 'index.js'),
      },
      // An app build drops entry exports by default; the library entry must keep its own.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'mnist-playground' ? 'web/mnist-playground.js' : 'web/[name]-[hash].js'),
      },
    },
  },
});
