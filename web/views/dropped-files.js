// The files of a dataset of one's own, as the browser hands them over: dropped (files, folders:
// walked with the File and Directory Entries API), or chosen in a file or folder picker. Each
// becomes {path, bytes} with its path relative to what was dropped ("pets/cat/1.png"), checked
// against the upload limits before any file is read, so a huge folder is refused at once.
import { ErrorCode, UPLOAD_LIMITS } from '../engine/protocol.js';

const MiB = 1024 * 1024;

/** An error in the worker's shape, for the banner. */
function refusal(message) {
  return Object.assign(new Error(message), {
    code: ErrorCode.DATA_TOO_LARGE, message,
    hint: 'Upload fewer or smaller images, or train on them with the CLI (mnist-train --data DIR).',
  });
}

/** {path, file} of a picker's files (a folder picker gives webkitRelativePath). */
export function pickedFiles(input) {
  return [...input.files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** {path, file} of everything dropped, folders walked (their entries come in batches). */
export async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length === 0) return [...dataTransfer.files].map((file) => ({ path: file.name, file }));
  const out = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

async function walk(entry, out) {
  if (out.length > UPLOAD_LIMITS.files) throw refusal(`More than ${UPLOAD_LIMITS.files.toLocaleString('en-US')} files were dropped.`);
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, out);
  }
}

/**
 * The files' bytes, once their number and total size are known to be within UPLOAD_LIMITS.
 * @param {{path: string, file: File}[]} list
 * @returns {Promise<{path: string, bytes: Uint8Array}[]>}
 */
export async function readFiles(list) {
  if (list.length === 0) throw Object.assign(refusal('No files were given.'), { code: ErrorCode.BAD_UPLOAD });
  const total = list.reduce((sum, { file }) => sum + file.size, 0);
  if (list.length > UPLOAD_LIMITS.files || total > UPLOAD_LIMITS.totalBytes) {
    throw refusal(`${list.length.toLocaleString('en-US')} files of ${(total / MiB).toFixed(1)} MiB: the page takes at most ` +
      `${UPLOAD_LIMITS.files.toLocaleString('en-US')} files and ${UPLOAD_LIMITS.totalBytes / MiB} MiB at once.`);
  }
  return Promise.all(list.map(async ({ path, file }) => ({ path, bytes: new Uint8Array(await file.arrayBuffer()) })));
}
