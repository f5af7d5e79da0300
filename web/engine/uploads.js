// A dataset of one's own, as dropped or chosen on the page: files with their relative paths,
// zips among them opened here (fflate: a small, well-kept inflater that reads a zip's directory
// and lets us refuse entries by their declared size before inflating them). What the files are
// is decided here, what they hold is the engine's call: the four IDX files go to its IDX parser
// (inflated first if gzip), images go to its image-folder reader (core/data/image_folder.h),
// which judges the layout, the sizes and every pixel, with the same messages as the CLI.
// Used by worker.js only; every refusal is an EngineError naming the file.
import { unzipSync } from 'fflate';
import { EngineError } from './engine.js';
import { ErrorCode, UPLOAD_LIMITS } from './protocol.js';
import { inflateIdx, parseSums } from './data-files.js';

const MiB = 1024 * 1024;
const LAYOUT_HINT = 'Use one folder per class of PNG or JPEG images (cat/1.png, dog/2.png; optionally inside train/ and test/), or the four IDX files.';

const tooLarge = (what) => new EngineError(ErrorCode.DATA_TOO_LARGE,
  `${what}: the page takes at most ${UPLOAD_LIMITS.totalBytes / MiB} MiB and ${UPLOAD_LIMITS.files.toLocaleString('en-US')} files at once.`,
  'Upload fewer or smaller images, or train on them with the CLI (mnist-train --data DIR).');

/**
 * The files with every .zip replaced by its entries (paths inside a zip are prefixed by nothing:
 * a zip of a folder keeps that folder). Directories and entries over the limits are refused.
 * @param {{path: string, bytes: Uint8Array}[]} files
 * @returns {{path: string, bytes: Uint8Array}[]}
 */
export function expandZips(files) {
  const out = [];
  let total = 0;
  const add = (path, bytes) => {
    total += bytes.length;
    if (out.length >= UPLOAD_LIMITS.files || total > UPLOAD_LIMITS.totalBytes) throw tooLarge(path);
    out.push({ path, bytes });
  };
  for (const file of files) {
    if (!/\.zip$/i.test(file.path)) {
      add(file.path, file.bytes);
      continue;
    }
    for (const [path, bytes] of Object.entries(unzipEntries(file))) {
      if (!path.endsWith('/')) add(path, bytes);
    }
  }
  return out;
}

/** A zip's files, each refused by its declared size before it is inflated. */
function unzipEntries({ path, bytes }) {
  let declared = 0;
  try {
    return unzipSync(bytes, {
      filter(entry) {
        declared += entry.originalSize;
        if (declared > UPLOAD_LIMITS.totalBytes) throw tooLarge(`${path} (${entry.name})`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw new EngineError(ErrorCode.BAD_UPLOAD, `${path} is not a zip file the page can open (${err.message}).`, LAYOUT_HINT);
  }
}

// ---------------------------------------------------------------- IDX uploads

// The four files by role: a name starting with one of these (then -idx..., .idx, or .gz).
const IDX_ROLES = [
  ['trainImages', /^train[-_.]images/i],
  ['trainLabels', /^train[-_.]labels/i],
  ['testImages', /^(t10k|test)[-_.]images/i],
  ['testLabels', /^(t10k|test)[-_.]labels/i],
];
const baseName = (path) => path.split('/').pop();
const isSumsFile = (path) => /^(SHA256SUMS(\.raw|\.txt)?|sha256sums\.txt)$/i.test(baseName(path));

/** True when the files look like an IDX dataset (a name like train-images-idx3-ubyte). */
export function isIdxUpload(files) {
  return files.some((f) => /idx\d-ubyte|\.idx\d?(\.gz)?$/i.test(baseName(f.path)));
}

/**
 * The four IDX files of an upload, inflated, and checked against a SHA256SUMS file when the
 * upload has one (names listed there must match; without one nothing is required).
 * @param {{path: string, bytes: Uint8Array}[]} files
 * @param {(bytes: Uint8Array) => string} sha256Hex  the engine's
 * @returns {Promise<{files: Uint8Array[], names: string[], verified: boolean, labelsSha256: string}>}
 *   files and names in the order train images, train labels, test images, test labels
 */
export async function readIdxUpload(files, sha256Hex) {
  const found = IDX_ROLES.map(([role, pattern]) => {
    const matches = files.filter((f) => pattern.test(baseName(f.path)));
    if (matches.length !== 1) {
      throw new EngineError(ErrorCode.BAD_UPLOAD,
        matches.length ? `More than one ${role} file: ${matches.map((f) => f.path).join(', ')}.`
          : `The IDX upload has no ${role} file (such as ${['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'][IDX_ROLES.findIndex(([r]) => r === role)]}[.gz]).`,
        'Drop all four IDX files (training images and labels, test images and labels) together.');
    }
    return matches[0];
  });
  const sumsFile = files.find((f) => isSumsFile(f.path));
  const sums = sumsFile ? parseSums(new TextDecoder().decode(sumsFile.bytes)) : new Map();
  const inflated = [];
  for (const file of found) {
    const bytes = await inflateIdx(file.bytes, baseName(file.path), { limit: UPLOAD_LIMITS.totalBytes });
    const name = baseName(file.path).replace(/\.gz$/i, '');
    const listed = sums.get(name);
    const got = listed || inflated.length === 1 ? sha256Hex(bytes) : '';
    if (listed && got !== listed) {
      throw new EngineError(ErrorCode.CHECKSUM_MISMATCH,
        `Checksum mismatch for ${name}: ${baseName(sumsFile.path)} lists ${listed.slice(0, 16)}…, the file has ${got.slice(0, 16)}….`,
        'The file is corrupt or another version: copy it again, or leave the checksum file out.');
    }
    inflated.push({ bytes, name, sha256: got });
  }
  return {
    files: inflated.map((f) => f.bytes),
    names: inflated.map((f) => f.name),
    verified: inflated.every((f) => sums.has(f.name)),
    labelsSha256: inflated[1].sha256,
  };
}

/** The upload's name for the menu: its one top folder or zip, else "Your data". */
export function uploadName(files) {
  const tops = new Set(files.map((f) => f.path.split('/')[0]));
  if (tops.size !== 1) return '';
  const [top] = tops;
  return files.some((f) => f.path.includes('/')) || /\.zip$/i.test(top) ? top.replace(/\.zip$/i, '') : '';
}

export { LAYOUT_HINT };
