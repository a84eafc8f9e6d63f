// What a browser page can do with files without a host: pick them with a file input and download them.

/**
 * Opens the browser's file picker; null when the user cancels. The input stays in the page (invisible)
 * while it is open, so automated tests can hand it files as a user would.
 */
export function pickFiles(options: { multiple: boolean; accept?: string }): Promise<File[] | null> {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = options.multiple;
  if (options.accept) input.accept = options.accept;
  input.dataset.testid = 'file-picker';
  input.tabIndex = -1;
  input.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;';
  document.body.append(input);
  return new Promise((resolve) => {
    const finish = (files: File[] | null): void => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish(input.files?.length ? Array.from(input.files) : null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    input.click();
  });
}

/** Starts a download of a same-origin address or a blob: URL. */
export function downloadFrom(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/** How long a blob: URL stays valid after its download started (the browser reads it asynchronously). */
const BLOB_URL_LIFETIME_MS = 60_000;

export function downloadText(fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadFrom(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
}
