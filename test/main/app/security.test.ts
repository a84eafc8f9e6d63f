import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rendererLocation } from '../../../src-main/app/renderer-location';
import { FakeWebContents, app, resetFakeElectron, session, shell } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);
const { setupSecurity, hardenWebContents } = await import('../../../src-main/app/security');

const renderer = rendererLocation({ mainDir: '/opt/app/out/main', isPackaged: true, devUrl: undefined });
const ourPage = 'app://swarmscope/index.html';

function navigationEvent(url: string) {
  return { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

beforeEach(() => resetFakeElectron());

describe('setupSecurity', () => {
  it('sandboxes every renderer before the app is ready', async () => {
    // Electron honours app.enableSandbox() only before 'ready': it must be called at once, not after whenReady.
    setupSecurity(renderer);
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(app.enableSandbox).toHaveBeenCalledWith();
    expect(app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]);
    // What needs the ready app (the session's handlers) waits for it; the sandbox did not.
    expect(session.defaultSession.headersListener).toBeNull();
    await app.whenReady();
    await Promise.resolve();
    expect(session.defaultSession.headersListener).not.toBeNull();
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
  });

  it('puts a strict CSP on every response, replacing any policy it came with', async () => {
    setupSecurity(renderer);
    await app.whenReady();
    await Promise.resolve();
    const listener = session.defaultSession.headersListener!;
    let response: { responseHeaders: Record<string, string[]> } | undefined;
    listener(
      { url: ourPage, responseHeaders: { 'content-security-policy': ["script-src *"], 'Content-Type': ['text/html'] } },
      (value: typeof response) => { response = value; },
    );
    const headers = response!.responseHeaders;
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    const csp = headers['Content-Security-Policy'][0];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('denies permission requests and checks, except writing to the clipboard from our page', async () => {
    setupSecurity(renderer);
    await app.whenReady();
    await Promise.resolve();
    const ses = session.defaultSession;
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      ses.permissionRequestHandler!({}, permission, (value: boolean) => { granted = value; }, { requestingUrl });
      return granted;
    };
    for (const permission of ['geolocation', 'media', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem', 'unknown']) {
      expect(ask(permission, ourPage), permission).toBe(false);
      expect(ses.permissionCheckHandler!(null, permission, 'file://', { requestingUrl: ourPage }), permission).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', ourPage)).toBe(true);
    expect(ses.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'file:///', { requestingUrl: ourPage })).toBe(true);
    expect(ses.permissionCheckHandler!({ getURL: () => ourPage }, 'clipboard-sanitized-write', 'file:///', {})).toBe(true);
    expect(ses.permissionCheckHandler!({ getURL: () => 'https://attacker.example/' }, 'clipboard-sanitized-write', 'https://attacker.example', {})).toBe(false);
    expect(ask('clipboard-sanitized-write', 'https://attacker.example/')).toBe(false);
    expect(ses.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });

  it('hardens every web contents created later', () => {
    setupSecurity(renderer);
    for (const page of [ourPage, 'about:blank']) {
      const contents = new FakeWebContents(page);
      app.emit('web-contents-created', {}, contents);
      // Not just handlers present: they refuse what hardenWebContents refuses.
      for (const channel of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
        const away = navigationEvent('https://attacker.example/phish');
        contents.emit(channel, away);
        expect(away.defaultPrevented, `${page} ${channel}`).toBe(true);
        const same = navigationEvent(`${ourPage}?tab=ips`);
        contents.emit(channel, same);
        expect(same.defaultPrevented, `${page} ${channel}`).toBe(false);
      }
      expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
      const attach = navigationEvent('');
      contents.emit('will-attach-webview', attach);
      expect(attach.defaultPrevented).toBe(true);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('hardenWebContents', () => {
  it('refuses navigation away from our page and allows staying on it', () => {
    const contents = new FakeWebContents(ourPage);
    hardenWebContents(contents as never, renderer);
    for (const channel of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://attacker.example/phish');
      contents.emit(channel, away);
      expect(away.defaultPrevented, channel).toBe(true);
      const fileAway = navigationEvent('file:///home/analyst/.ssh/id_rsa');
      contents.emit(channel, fileAway);
      expect(fileAway.defaultPrevented, channel).toBe(true);
      const same = navigationEvent(`${ourPage}?tab=ips`);
      contents.emit(channel, same);
      expect(same.defaultPrevented, channel).toBe(false);
    }
  });

  it('denies every new window, handing only plain http(s) links to the system browser', () => {
    const contents = new FakeWebContents(ourPage);
    hardenWebContents(contents as never, renderer);
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://creativecommons.org/publicdomain/zero/1.0/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://creativecommons.org/publicdomain/zero/1.0/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://attacker/share', 'https://user:pw@example.com/', 'ms-msdt:/id', 'https://attacker.example/']) {
      expect(open({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach webviews', () => {
    const contents = new FakeWebContents(ourPage);
    hardenWebContents(contents as never, renderer);
    const attach = navigationEvent('');
    contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });
});
