// Getting the data files into the worker, with limits: a ?data= link may point at any server, so
// nothing it sends may take the tab's memory. Each file is downloaded with a cap (refused while it
// streams, at once when Content-Length announces more), inflated only as far as its IDX header
// declares (so a gzip bomb stops there), and checked against the SHA-256 sums the engine pins for
// the built-in dataset (core/data/dataset_registry.cpp) as well as the server's SHA256SUMS.raw. A file that fails is also deleted from the
// offline copy, so that the next attempt downloads it again instead of meeting the same bad copy.
// Used by worker.js only; every refusal is an EngineError whose message names the file.
import { EngineError } from './engine.js';
import { ErrorCode, CHECKSUM_FILE, DATA_LIMITS, OFFLINE_CACHE } from './protocol.js';

const MiB = 1024 * 1024;
const FIX_URL = 'Check the data URL: it should be a folder with the four IDX files of MNIST or Fashion-MNIST (11 to 30 MB in all); run "npm run setup" to put them in data/.';

/** 64 MiB, 1.5 MiB; bytes as MiB for messages. */
function mib(bytes) {
  const value = bytes / MiB;
  return `${Number.isInteger(value) || value >= 100 ? Math.round(value) : value.toFixed(1)} MiB`;
}

const bytesText = (n) => `${n.toLocaleString('en-US')} bytes`;

function tooLarge(file, limit, detail) {
  return new EngineError(ErrorCode.DATA_TOO_LARGE,
    `${file} is larger than the ${mib(limit)} this page accepts for one data file (${detail}).`, FIX_URL);
}

function unreadable(file, why) {
  return new EngineError(ErrorCode.PARSE_ERROR, `${file} is not an IDX file (the MNIST format): ${why}.`,
    'The file may be truncated or of another kind: run "npm run setup" again or check the data URL.');
}

/** The file's name without .gz: the name the sums use. */
export const rawName = (file) => file.replace(/\.gz$/, '');

// ---------------------------------------------------------------- download

/**
 * Fetches one file, refusing it as soon as it passes `limit` bytes.
 * @param {string} url  @param {string} file  the name for messages
 * @param {{limit: number, signal?: AbortSignal, onProgress?: (loaded: number, total: number) => void}} options
 * @returns {Promise<Uint8Array>}
 */
export async function download(url, file, { limit, signal, onProgress = () => {} }) {
  let response;
  try {
    response = await fetch(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw new EngineError(ErrorCode.DATA_UNREACHABLE, `Could not reach ${url} (${err.message}).`,
      'Check the data URL and your connection; "npm start" serves the data at /data/mnist/.');
  }
  if (!response.ok) {
    throw new EngineError(ErrorCode.DATA_NOT_FOUND, `${file} not found: HTTP ${response.status} for ${url}.`,
      'Check the data URL; run "npm run setup" to put MNIST and Fashion-MNIST in data/.');
  }
  // Some hosts answer a missing file with their HTML page (a single-page-app fallback).
  if ((response.headers.get('Content-Type') ?? '').startsWith('text/html')) {
    response.body?.cancel().catch(() => {});
    throw new EngineError(ErrorCode.DATA_NOT_FOUND, `${file} not found: ${url} answered with an HTML page, not the file.`,
      'Check the data URL; run "npm run setup" to put MNIST and Fashion-MNIST in data/.');
  }
  const total = Number(response.headers.get('Content-Length')) || 0;
  if (total > limit) {
    response.body?.cancel().catch(() => {});
    throw tooLarge(file, limit, `the server announced ${mib(total)}`);
  }
  return readCapped(response, file, { limit, total, onProgress });
}

/** The response's body, refused (and the rest of it cancelled) once it passes `limit`. */
async function readCapped(response, file, { limit, total, onProgress }) {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > limit) throw tooLarge(file, limit, `it has ${mib(bytes.length)}`);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge(file, limit, `the download was stopped there`);
    }
    chunks.push(value);
    loaded += value.length;
    if (loaded - lastReport > 256 * 1024) {
      lastReport = loaded;
      onProgress(loaded, total);
    }
  }
  onProgress(loaded, total || loaded);
  return concat(chunks, loaded);
}

function concat(chunks, length) {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------- inflation

// IDX data types (the third byte of the magic number) -> bytes per value.
const IDX_VALUE_BYTES = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 };

/**
 * The whole size an IDX file declares in its header (the header plus the product of its
 * dimensions times the value size), or null while `head` is too short to tell. Throws for bytes
 * that are not IDX and for a declared size over `limit` (checked as the product grows; a double
 * holds every product up to the limit exactly, and a larger one is refused either way).
 */
export function idxDeclaredSize(head, file, limit) {
  if (head.length < 4) return null;
  if (head[0] !== 0 || head[1] !== 0) throw unreadable(file, 'its header does not start with an IDX magic number');
  const valueBytes = IDX_VALUE_BYTES[head[2]];
  if (!valueBytes) throw unreadable(file, `its IDX data type 0x${head[2].toString(16).padStart(2, '0')} is unknown`);
  const dims = head[3];
  if (dims === 0) throw unreadable(file, 'its IDX header declares no dimensions');
  const headerBytes = 4 + 4 * dims;
  if (head.length < headerBytes) return null;
  const view = new DataView(head.buffer, head.byteOffset, headerBytes);
  const shape = [];
  let size = valueBytes;
  for (let i = 0; i < dims; i++) {
    shape.push(view.getUint32(4 + 4 * i));  // big-endian, as IDX is
    size *= shape[i];
    if (headerBytes + size > limit) {
      throw tooLarge(file, limit, `its header declares ${shape.join(' x ')}${i + 1 < dims ? ' x ...' : ''} values`);
    }
  }
  return headerBytes + size;
}

const isGzip = (bytes) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

// Compressed bytes handed to the inflater at a time. A DecompressionStream turns each chunk it is
// given into all of its output at once, and deflate inflates up to ~1032 times: fed a 1 MB
// chunk of a bomb it would make a gigabyte before anyone could say stop. In slices of 4 KiB,
// with backpressure, at most ~4 MiB are inflated ahead of the check.
const INFLATE_SLICE = 4 * 1024;

/**
 * A reader of the inflated bytes, fed `bytes` a slice at a time, only as fast as it is read.
 * Cancelling the reader stops the feeding. Errors (not gzip, truncated) come through read().
 */
function inflatingReader(bytes) {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const ignore = () => {};  // the writer's failures are the reader's: reported by read()
  (async () => {
    for (let at = 0; at < bytes.length; at += INFLATE_SLICE) {
      await writer.ready;
      writer.write(bytes.subarray(at, at + INFLATE_SLICE)).catch(ignore);
    }
    await writer.close();
  })().catch(ignore);
  return stream.readable.getReader();
}

/**
 * Inflates a gzip file holding IDX data into exactly the size its header declares: the header is
 * read from the first inflated bytes, the output allocated once at that size (at most `limit`),
 * and a stream that inflates past it is cancelled and refused. Bytes without the gzip magic are
 * returned as they are (a server that sent the file with Content-Encoding: gzip has already
 * inflated it; the download's cap bounded them).
 * @param {Uint8Array} bytes  @param {string} file  the name for messages
 * @param {{limit: number, signal?: AbortSignal}} options
 * @returns {Promise<Uint8Array>}
 */
export async function inflateIdx(bytes, file, { limit, signal }) {
  if (!isGzip(bytes)) return bytes;
  const reader = inflatingReader(bytes);
  let head = new Uint8Array(0);  // the first inflated bytes, until the header is whole
  let out = null;
  let length = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await readInflated(reader, file);
      if (done) break;
      let chunk = value;
      if (!out) {
        head = concat([head, chunk], head.length + chunk.length);
        const declared = idxDeclaredSize(head, file, limit);
        if (declared === null) continue;
        out = new Uint8Array(declared);
        chunk = head;
      }
      if (length + chunk.length > out.length) {
        throw unreadable(file, `it inflates past the ${bytesText(out.length)} its IDX header declares ` +
          '(inflation was stopped there; it may be a gzip bomb)');
      }
      out.set(chunk, length);
      length += chunk.length;
    }
  } catch (err) {
    reader.cancel().catch(() => {});
    throw err;
  }
  if (!out) throw unreadable(file, 'it ends inside its IDX header');
  if (length < out.length) throw unreadable(file, `it ends after ${bytesText(length)} of the ${bytesText(out.length)} its header declares`);
  return out;
}

async function readInflated(reader, file) {
  try {
    return await reader.read();
  } catch (err) {
    throw new EngineError(ErrorCode.PARSE_ERROR, `${file} is not a valid gzip file (${err.message}).`,
      'The file may be truncated: run "npm run setup" again or check the data URL.');
  }
}

// ---------------------------------------------------------------- checksums

/** "hex  name" lines -> Map(name -> hex). */
export function parseSums(text) {
  const sums = new Map();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (match) sums.set(match[2], match[1].toLowerCase());
  }
  return sums;
}

/**
 * The server's SHA256SUMS.raw as a Map(name -> hex). Optional when every one of `names` has a
 * sum in `pinned` (Map name -> hex): then a missing (or empty) list is an empty Map.
 */
export async function fetchHostSums(base, names, pinnedSums, options) {
  const pinned = names.every((name) => pinnedSums.has(name));
  let sums;
  try {
    const bytes = await download(new URL(CHECKSUM_FILE, base).href, CHECKSUM_FILE,
      { ...options, limit: DATA_LIMITS.sumsBytes });
    sums = parseSums(new TextDecoder().decode(bytes));
  } catch (err) {
    if (pinned && err.code === ErrorCode.DATA_NOT_FOUND) return new Map();
    throw err;
  }
  if (sums.size === 0 && !pinned) {
    throw new EngineError(ErrorCode.DATA_NOT_FOUND, `${CHECKSUM_FILE} at ${base.href} lists no checksums.`,
      'Check the data URL; run "npm run setup" to put MNIST and Fashion-MNIST in data/.');
  }
  return sums;
}

/**
 * Checks an inflated file against its pinned sum and the sum the server lists; both must match
 * where they exist, and one must. Throws EngineError('checksum-mismatch').
 * @param {string} name  without .gz  @param {Map<string, string>} hostSums
 * @param {{name: string, sums: Map<string, string>}} dataset  the built-in dataset and its pins
 * @param {(bytes: Uint8Array) => string} sha256Hex  the engine's
 */
export function verifyChecksum(name, bytes, hostSums, dataset, sha256Hex) {
  const pinned = dataset.sums.get(name);
  const listed = hostSums.get(name);
  if (!pinned && !listed) {
    throw new EngineError(ErrorCode.CHECKSUM_MISMATCH, `${CHECKSUM_FILE} lists no checksum for ${name}.`,
      'The data folder is incomplete: run "npm run setup" again.');
  }
  const got = sha256Hex(bytes);
  if (pinned && got !== pinned) {
    throw new EngineError(ErrorCode.CHECKSUM_MISMATCH,
      `Checksum mismatch for ${name}: it is not the official ${dataset.name} file (SHA-256 ${got.slice(0, 16)}…, ` +
      `the official one is ${pinned.slice(0, 16)}…)${listed === got ? `, even though the server's ${CHECKSUM_FILE} lists its sum` : ''}.`,
      `Point the page at the official ${dataset.name} files: run "npm run setup" again, or fix the data URL.`);
  }
  if (listed && got !== listed) {
    throw new EngineError(ErrorCode.CHECKSUM_MISMATCH,
      `Checksum mismatch for ${name}: expected ${listed.slice(0, 16)}…, got ${got.slice(0, 16)}….`,
      pinned ? `The file is the official ${dataset.name}, but the server's ${CHECKSUM_FILE} lists another sum: fix or remove that list.`
        : 'The file is corrupt: download it again.');
  }
}

// ---------------------------------------------------------------- the offline copy

/** Error codes that mean the file's bytes are bad (not the network): its offline copy must go. */
export const BAD_FILE_CODES = new Set([ErrorCode.CHECKSUM_MISMATCH, ErrorCode.PARSE_ERROR, ErrorCode.DATA_TOO_LARGE]);

/**
 * Deletes `url` from the offline copy (Cache Storage OFFLINE_CACHE, filled by public/sw.js),
 * which serves data files before the network: without this a bad copy would come back on every
 * retry. Resolves true when there was one; never rejects (no Cache Storage: nothing to delete).
 */
export async function dropOfflineCopy(url) {
  try {
    if (typeof caches === 'undefined' || !(await caches.has(OFFLINE_CACHE))) return false;
    const cache = await caches.open(OFFLINE_CACHE);
    return await cache.delete(url, { ignoreVary: true });
  } catch {
    return false;
  }
}
