import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWsClient, wsUrlFromLocation } from '../../../src-renderer/src/lib/api/ws-client';
import type { SocketLike } from '../../../src-renderer/src/lib/api/ws-transport';
import { fakeDrop } from './fake-entries';

/** Answers every request with ok and keeps what was sent, as the host would see it. */
class AnsweringSocket implements SocketLike {
  readyState = 1;
  bufferedAmount = 0;
  binaryType = 'blob';
  sent: (Record<string, unknown> | number)[] = [];
  private listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();

  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') {
      this.sent.push(data.byteLength);
      return;
    }
    const message = JSON.parse(data) as { seq: number; upload?: string };
    this.sent.push(message);
    const result = message.upload === 'commit' ? { attemptsAdded: 3 } : null;
    setTimeout(() => this.emit('message', { data: JSON.stringify({ seq: message.seq, ok: true, result }) }), 0);
  }

  close(): void {}

  emit(type: string, event: { data?: unknown; reason?: string }): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

afterEach(() => vi.restoreAllMocks());

describe('web client', () => {
  it('builds the socket address from the page address and its token', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:8377', search: '?token=Zm9v_YmFy-' }))
      .toBe('ws://127.0.0.1:8377/ws?token=Zm9v_YmFy-');
    expect(wsUrlFromLocation({ protocol: 'https:', host: 'viewer.example:443', search: '' })).toBe('wss://viewer.example:443/ws?token=');
  });

  it('uploads a dropped folder under its relative paths, then asks for it to be ingested', async () => {
    const socket = new AnsweringSocket();
    const host = createWsClient('ws://127.0.0.1:1/ws?token=t', () => socket);
    expect(host.kind).toBe('web');
    const result = await host.ingestFiles(fakeDrop({ mail: { 'dovecot.log': 'abc', old: { 'dovecot.log.1': 'de' } } }));
    expect(result).toEqual({ attemptsAdded: 3 });
    expect(socket.sent.map((entry) => (typeof entry === 'number' ? entry : { ...entry, seq: undefined, lastModified: typeof entry.lastModified }))).toEqual([
      { upload: 'begin', relativePath: 'mail/dovecot.log', size: 3, seq: undefined, lastModified: 'number' },
      3,
      { upload: 'end', seq: undefined, lastModified: 'undefined' },
      { upload: 'begin', relativePath: 'mail/old/dovecot.log.1', size: 2, seq: undefined, lastModified: 'number' },
      2,
      { upload: 'end', seq: undefined, lastModified: 'undefined' },
      { upload: 'commit', action: 'ingest', seq: undefined, lastModified: 'undefined' },
    ]);
  });

  it('refuses an empty drop without sending anything', async () => {
    const socket = new AnsweringSocket();
    await expect(createWsClient('ws://x/ws', () => socket).ingestFiles([])).rejects.toThrow(/no files/);
    expect(socket.sent).toEqual([]);
  });

  it('lets the user pick log files, uploads them, and leaves no picker behind', async () => {
    const socket = new AnsweringSocket();
    const host = createWsClient('ws://x/ws', () => socket);
    const opening = host.openLogsDialog();
    const picker = document.querySelector<HTMLInputElement>('input[type=file][data-testid="file-picker"]')!;
    expect(picker.multiple).toBe(true);
    Object.defineProperty(picker, 'files', { value: [new File(['abcd'], 'mail.log'), new File(['ef'], 'mail.log.1')] });
    picker.dispatchEvent(new Event('change'));
    expect(await opening).toEqual({ attemptsAdded: 3 });
    expect(socket.sent.filter((entry) => typeof entry !== 'number' && entry.upload === 'begin').map((entry) => (entry as { relativePath: string }).relativePath))
      .toEqual(['mail.log', 'mail.log.1']);
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('returns null when the user cancels the picker', async () => {
    const socket = new AnsweringSocket();
    const opening = createWsClient('ws://x/ws', () => socket).openCaseDialog();
    const picker = document.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(picker.accept).toBe('.swarmscope,.sqlite,.db');
    picker.dispatchEvent(new Event('cancel'));
    expect(await opening).toBeNull();
    expect(socket.sent).toEqual([]);
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('offers no geolocation database dialog: the admin passes --geoip to the host', async () => {
    const socket = new AnsweringSocket();
    expect(await createWsClient('ws://x/ws', () => socket).chooseGeoDatabases()).toBeNull();
    expect(socket.sent).toEqual([]);
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('saves text as a download', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { created.push(blob as Blob); return 'blob:swarmscope/1'; });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    const host = createWsClient('ws://x/ws', () => new AnsweringSocket());
    expect(await host.saveTextFile('blocklist-plain.txt', '203.0.113.9\n198.51.100.23\n')).toBe(true);
    expect(clicks).toEqual([{ href: 'blob:swarmscope/1', download: 'blocklist-plain.txt' }]);
    expect(await created[0].text()).toBe('203.0.113.9\n198.51.100.23\n');
    expect(document.querySelectorAll('a').length).toBe(0);
  });

  it('explains a refused connection: the page address must carry the token', async () => {
    const socket = new AnsweringSocket();
    socket.readyState = 0;
    const host = createWsClient('ws://x/ws?token=', () => socket);
    const pending = host.caseInfo();
    socket.readyState = 3;
    socket.emit('close', {});
    await expect(pending).rejects.toThrow(/Could not connect to the Swarmscope host. Open the exact address `swarmscope serve` printed, \?token=… included./);
  });

  it('tells the page a refused connection from a lost one, even when it asks after the socket closed', () => {
    const refused = new AnsweringSocket();
    refused.readyState = 0;
    const neverOpen = createWsClient('ws://x/ws?token=wrong', () => refused);
    const heardEarly: unknown[] = [];
    neverOpen.onConnectionLost!((lost) => heardEarly.push(lost.everConnected));
    refused.emit('close', {});
    const heardLate: unknown[] = [];
    neverOpen.onConnectionLost!((lost) => heardLate.push(lost.everConnected));
    expect(heardEarly).toEqual([false]);
    expect(heardLate).toEqual([false]);

    const open = new AnsweringSocket();
    const wasOpen = createWsClient('ws://x/ws?token=t', () => open);
    const heard: { message: string; everConnected: boolean }[] = [];
    wasOpen.onConnectionLost!((lost) => heard.push(lost));
    open.emit('close', { reason: 'server stopped' });
    expect(heard).toEqual([{ everConnected: true, message: expect.stringMatching(/closed: server stopped/) }]);
  });

  it('fails pending calls with a clear message when the connection closes', async () => {
    const socket = new AnsweringSocket();
    socket.send = () => undefined;
    const host = createWsClient('ws://x/ws', () => socket);
    const pending = host.caseInfo();
    await Promise.resolve();
    socket.emit('close', { reason: 'server stopped' });
    await expect(pending).rejects.toThrow('The connection to the Swarmscope host closed: server stopped.');
    await expect(host.overview()).rejects.toThrow(/closed/);
  });
});
