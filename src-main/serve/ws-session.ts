// One browser page's WebSocket: engine calls, uploads and host requests in, replies out. The page is not
// trusted: only engine methods can be called, with checked arguments and no paths of its own choosing
// (page-calls.ts), and malformed frames end the session.
import type { WebSocket, RawData } from 'ws';
import { callEngine } from '../shared/engine-args';
import type { EngineHandle } from '../shared/engine-handle';
import { callEngineForPage } from '../shared/page-calls';
import type { CaseDownload, ServerMessage } from '../shared/ws-protocol';
import { UploadBatch } from './uploads';

export interface SessionContext {
  engine: EngineHandle;
  /** Where upload batches get their temporary folders. */
  uploadsDir: string;
  saveCaseDownload(): Promise<CaseDownload>;
}

/** WebSocket close code for a peer that breaks the protocol. */
const POLICY_VIOLATION = 1008;
const MAX_ERROR_LENGTH = 2000;

type Message = Record<string, unknown> & { seq: number };

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function parseMessage(data: RawData): Message | null {
  let value: unknown;
  try {
    value = JSON.parse(asBuffer(data).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const seq = (value as { seq?: unknown }).seq;
  return Number.isSafeInteger(seq) && (seq as number) >= 0 ? (value as Message) : null;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

export function serveSession(socket: WebSocket, context: SessionContext): void {
  const { engine } = context;
  let batch: UploadBatch | null = null;

  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const refuse = (reason: string): void => socket.close(POLICY_VIOLATION, reason);

  // Runs synchronously up to its first await, so a `begin` is in place before the next frame is read.
  const handle = async (message: Message): Promise<unknown> => {
    if ('method' in message) return callEngineForPage(engine, message.method, message.args);
    switch (message.upload) {
      case 'begin':
        batch ??= UploadBatch.create(context.uploadsDir);
        batch.begin(message.relativePath, message.size, message.lastModified);
        return null;
      case 'end':
        if (!batch) throw new Error('no upload in progress');
        await batch.end();
        return null;
      case 'commit': {
        if (!batch) throw new Error('no upload in progress');
        // Throws while a file is still open, leaving the batch in place for `end` or `abort`.
        const entries = batch.entries();
        batch = null;
        if (message.action === 'ingest') return callEngine(engine, 'ingest', [entries, message.options ?? null]);
        if (message.action === 'openCase') {
          if (entries.length !== 1) throw new Error('open one case file at a time');
          return engine.openCase(entries[0]);
        }
        throw new Error('unknown upload action');
      }
      case 'abort':
        await batch?.discard();
        batch = null;
        return null;
      case undefined:
        break;
      default:
        throw new Error('unknown upload step');
    }
    if (message.host === 'saveCaseDownload') return context.saveCaseDownload();
    throw new Error('unknown request');
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      if (!batch) return refuse('file data outside an upload');
      try {
        if (!batch.write(asBuffer(data), () => socket.resume())) socket.pause();
      } catch {
        refuse('file data outside a file');
      }
      return;
    }
    const message = parseMessage(data);
    if (!message) return refuse('expected JSON with a sequence number');
    handle(message).then(
      (result) => send({ seq: message.seq, ok: true, result }),
      (error: unknown) => send({ seq: message.seq, ok: false, error: errorText(error) }),
    );
  });

  socket.on('close', () => {
    // A page that goes away mid-upload leaves nothing behind; committed batches stay for the engine to read.
    void batch?.discard();
    batch = null;
  });
}
