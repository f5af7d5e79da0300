// Hands a file to the browser as a download, from any view: a detached link is clicked (it never
// enters the host page's document), and its object URL is freed once the download has started.

/** @param {Blob} blob  @param {string} name  the suggested file name */
export function downloadBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
