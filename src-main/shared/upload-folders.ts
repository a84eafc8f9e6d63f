// Where the web host keeps what a browser sends (serve/server.ts, serve/uploads.ts): a folder of its own under
// the system's temporary folder, and in it a folder per drop. The case records those paths, as the evidence is
// read there again for its raw lines, but the user knows the files by the names they dropped: the viewer shows
// paths and messages without these folders.

export const SERVE_FOLDER_PREFIX = 'swarmscope-serve-';
export const UPLOADS_FOLDER = 'uploads';
export const UPLOAD_BATCH_PREFIX = 'upload-';

// mkdtemp adds six characters to a prefix. The path before the host's folder (the temporary folder) is whatever
// runs up to it (and its last separator) without a space or a quote, as messages quote paths bare. The case the host saves for a download
// lies in its folder, outside the uploads.
const UPLOAD_FOLDERS = new RegExp(
  `[^\\s"'<>()]*[\\\\/]${SERVE_FOLDER_PREFIX}[A-Za-z0-9]{6}[\\\\/](?:${UPLOADS_FOLDER}[\\\\/]${UPLOAD_BATCH_PREFIX}[A-Za-z0-9]{6}[\\\\/])?`, 'g');

/**
 * `text` with every path into an upload folder cut to the path the browser gave (`mail.log.1`, `logs/mail.log`),
 * and the case the host saves to its name.
 */
export function withoutUploadFolders(text: string): string {
  return text.replace(UPLOAD_FOLDERS, '');
}
