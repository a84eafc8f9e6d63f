// The web host's wire protocol (src-main/shared/ws-protocol.ts) over one WebSocket: numbered requests
// matched to their replies, pushed engine events, and uploads sent in chunks as the socket drains.
// No DOM types here, so the node tests can drive it against the real host.
import type { EngineEvent, EngineMethod, IngestOptions } from '../../../../src-main/shared/api';
import type { ClientMessage, ServerMessage } from '../../../../src-main/shared/ws-protocol';

/** The part of a browser WebSocket (or of `ws` in node) the transport uses. */
export interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'message', listener: (event: { data?: unknown; reason?: string }) => void): void;
}

/** A File, or anything that can hand out slices of its bytes. */
export interface UploadSource {
  relativePath: string;
  size: number;
  /** Modification time, ms since 1970: the engine infers the year of syslog stamps from it. */
  lastModified?: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface TransferProgress {
  bytesSent: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  current: string | null;
}

/** How a socket ended: `everOpen` tells a lost connection from a page that never reached the host. */
export interface SocketClosed {
  message: string;
  everOpen: boolean;
}

export type UploadCommit = { action: 'ingest'; options?: IngestOptions } | { action: 'openCase' };

/** A message of the protocol as the page hands it to the transport, which numbers it. */
type Unnumbered<M> = M extends unknown ? Omit<M, 'seq'> : never;
type HostRequest = Unnumbered<ClientMessage>;

const OPEN = 1;
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Stop reading the file while this much is still waiting to go out, so a big log is never in memory whole. */
const MAX_BUFFERED_BYTES = 8 * UPLOAD_CHUNK_BYTES;
const DRAIN_POLL_MS = 15;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export class WsTransport {
  private seq = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly opened: Promise<void>;
  private closed: Error | null = null;
  private closedHow: SocketClosed | null = null;
  private readonly closeListeners = new Set<(closed: SocketClosed) => void>();
  /** Uploads share the socket's single "current file", so they go one after another. */
  private uploads: Promise<unknown> = Promise.resolve();

  constructor(private readonly socket: SocketLike) {
    socket.binaryType = 'arraybuffer';
    let wasOpen = socket.readyState === OPEN;
    this.opened = new Promise((resolve, reject) => {
      if (wasOpen) resolve();
      socket.addEventListener('open', () => {
        wasOpen = true;
        resolve();
      });
      socket.addEventListener('close', (event) => {
        const why = event.reason ? `: ${event.reason}` : '';
        this.closed = new Error(wasOpen
          ? `The connection to the Swarmscope host closed${why}. Reload the page to reconnect.`
          // The host refuses sockets without the page's token, or from another page; browsers do not say why.
          : 'Could not connect to the Swarmscope host. Open the exact address `swarmscope serve` printed, ?token=… included.');
        this.closedHow = { message: this.closed.message, everOpen: wasOpen };
        // Told before the requests fail, so that their callers already know why they do.
        for (const listener of this.closeListeners) listener(this.closedHow);
        reject(this.closed);
        for (const request of this.pending.values()) request.reject(this.closed);
        this.pending.clear();
      });
    });
    this.opened.catch(() => undefined);
    socket.addEventListener('message', (event) => this.receive(event.data));
  }

  /** Calls back once the socket closes; at once when it already has (a page may subscribe late). */
  onClose(listener: (closed: SocketClosed) => void): () => void {
    if (this.closedHow) {
      listener(this.closedHow);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => {
      this.closeListeners.delete(listener);
    };
  }

  async request(body: HostRequest): Promise<unknown> {
    await this.opened;
    if (this.closed) throw this.closed;
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.socket.send(JSON.stringify({ ...body, seq }));
    });
  }

  call(method: EngineMethod, args: unknown[]): Promise<unknown> {
    return this.request({ method, args });
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Sends the files, then commits them: the host ingests them or opens the one file as a case. */
  upload(files: readonly UploadSource[], commit: UploadCommit, onProgress?: (progress: TransferProgress) => void): Promise<unknown> {
    const run = this.uploads.then(() => this.sendFiles(files, commit, onProgress));
    this.uploads = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.socket.close(1000, 'done');
  }

  private async sendFiles(files: readonly UploadSource[], commit: UploadCommit, onProgress?: (progress: TransferProgress) => void): Promise<unknown> {
    const progress: TransferProgress = {
      bytesSent: 0, bytesTotal: files.reduce((sum, file) => sum + file.size, 0), filesDone: 0, filesTotal: files.length, current: null,
    };
    let handedOver = 0;
    const report = (): void => {
      progress.bytesSent = Math.max(0, handedOver - this.socket.bufferedAmount);
      onProgress?.({ ...progress });
    };
    try {
      for (const file of files) {
        progress.current = file.relativePath;
        report();
        await this.request({ upload: 'begin', relativePath: file.relativePath, size: file.size, lastModified: file.lastModified });
        for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
          const chunk = await file.slice(offset, Math.min(offset + UPLOAD_CHUNK_BYTES, file.size)).arrayBuffer();
          await this.drained();
          this.socket.send(chunk);
          handedOver += chunk.byteLength;
          report();
        }
        await this.request({ upload: 'end' });
        progress.filesDone += 1;
      }
      progress.current = null;
      report();
      return await this.request({ upload: 'commit', ...commit });
    } catch (error) {
      if (!this.closed) await this.request({ upload: 'abort' }).catch(() => undefined);
      throw error;
    }
  }

  /** Waits until the socket has sent most of what it holds; browsers offer no drain event, so poll. */
  private async drained(): Promise<void> {
    while (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      if (this.closed) throw this.closed;
      await sleep(DRAIN_POLL_MS);
    }
    if (this.closed || this.socket.readyState !== OPEN) throw this.closed ?? new Error('The connection to the Swarmscope host is not open.');
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      for (const listener of this.listeners) listener(message.event);
      return;
    }
    const request = this.pending.get(message.seq);
    if (!request) return;
    this.pending.delete(message.seq);
    if (message.ok) request.resolve(message.result);
    else request.reject(new Error(message.error));
  }
}
