// The web host (`swarmscope serve`): engine calls over the WebSocket, files uploaded from the browser,
// saves as downloads. The page address carries the session token the socket must present.
import type { CaseInfo, IngestResult } from '../../../../src-main/shared/api';
import type { CaseDownload } from '../../../../src-main/shared/ws-protocol';
import { downloadFrom, downloadText, pickFiles } from './browser-files';
import { collectFiles, type PickedFile } from './dropped-files';
import { engineProxy } from './engine-proxy';
import type { HostApi, UploadProgressListener } from './host-api';
import { WsTransport, type SocketLike, type UploadSource } from './ws-transport';

const WS_PATH = '/ws';
const CASE_FILE_TYPES = '.swarmscope,.sqlite,.db';

/** `ws://HOST/ws?token=...` for a page opened as `http://HOST/?token=...`. */
export function wsUrlFromLocation(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}

function uploadSources(files: readonly PickedFile[]): UploadSource[] {
  return files.map(({ file, relativePath }) => ({
    relativePath,
    size: file.size,
    lastModified: file.lastModified,
    slice: (start, end) => file.slice(start, end),
  }));
}

export function createWsClient(url: string, openSocket: (url: string) => SocketLike = (address) => new WebSocket(address)): HostApi {
  const transport = new WsTransport(openSocket(url));
  const upload = (files: PickedFile[], onUpload?: UploadProgressListener) =>
    transport.upload(uploadSources(files), { action: 'ingest' }, onUpload) as Promise<IngestResult>;

  return {
    ...engineProxy((method, args) => transport.call(method, args)),
    kind: 'web',
    onEvent: (callback) => transport.onEvent(callback),
    onConnectionLost: (callback) => transport.onClose(({ message, everOpen }) => callback({ message, everConnected: everOpen })),
    onMenuCommand: () => () => undefined,
    ingestFiles: (input, onUpload) => {
      const collecting = collectFiles(input);
      return collecting.then((files) => {
        if (files.length === 0) throw new Error('Nothing to read: no files were dropped.');
        return upload(files, onUpload);
      });
    },
    openLogsDialog: async (onUpload) => {
      const files = await pickFiles({ multiple: true });
      return files ? upload(files.map((file) => ({ file, relativePath: file.name })), onUpload) : null;
    },
    openCaseDialog: async () => {
      const files = await pickFiles({ multiple: false, accept: CASE_FILE_TYPES });
      if (!files) return null;
      const sources = uploadSources([{ file: files[0], relativePath: files[0].name }]);
      return transport.upload(sources, { action: 'openCase' }) as Promise<CaseInfo>;
    },
    saveCaseDialog: async () => {
      const download = (await transport.request({ host: 'saveCaseDownload' })) as CaseDownload;
      downloadFrom(download.href, download.fileName);
      return download.info;
    },
    // The server's files are the admin's business: they pass --geoip to `swarmscope serve`.
    chooseGeoDatabases: async () => null,
    saveTextFile: async (name, text) => {
      downloadText(name, text);
      return true;
    },
  };
}
