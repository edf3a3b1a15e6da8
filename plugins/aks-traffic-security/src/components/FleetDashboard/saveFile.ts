/**
 * Offers a blob to the browser as a download with the given file name.
 */
export function saveFile(content: Blob, fileName: string): void {
  const url = URL.createObjectURL(content);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);

  try {
    anchor.click();
  } finally {
    anchor.remove();
    // Revoking at once can cancel the download in some browsers, so the
    // URL is released after the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
