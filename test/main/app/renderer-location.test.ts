import { describe, expect, it } from 'vitest';
import { rendererLocation } from '../../../src-main/app/renderer-location';

describe('renderer location', () => {
  it('serves the built renderer beside the main bundle from the app:// scheme', () => {
    const location = rendererLocation({ mainDir: '/opt/Swarmscope/resources/app.asar/out/main', isPackaged: true, devUrl: undefined });
    expect(location.kind).toBe('app');
    expect(location.rendererDir).toBe('/opt/Swarmscope/resources/app.asar/out/renderer');
    expect(location.url).toBe('app://swarmscope/index.html');
  });

  it('recognises its own page with any query or fragment, and nothing else', () => {
    const location = rendererLocation({ mainDir: '/opt/app/out/main', isPackaged: true, devUrl: undefined });
    expect(location.isOurPage('app://swarmscope/index.html')).toBe(true);
    expect(location.isOurPage('app://swarmscope/index.html?tab=ips#top')).toBe(true);
    expect(location.isOurPage('app://swarmscope/other.html')).toBe(false);
    expect(location.isOurPage('app://elsewhere/index.html')).toBe(false);
    expect(location.isOurPage('file:///opt/app/out/renderer/index.html')).toBe(false);
    expect(location.isOurPage('https://swarmscope/index.html')).toBe(false);
    expect(location.isOurPage('not a url')).toBe(false);
  });

  it('uses the electron-vite dev server only when unpackaged and on this machine', () => {
    const dev = rendererLocation({ mainDir: '/src/out/main', isPackaged: false, devUrl: 'http://localhost:5173' });
    expect(dev.kind).toBe('dev');
    expect(dev.url).toBe('http://localhost:5173/');
    expect(dev.isOurPage('http://localhost:5173/src/main.ts')).toBe(true);
    expect(dev.isOurPage('http://localhost:5174/')).toBe(false);

    expect(rendererLocation({ mainDir: '/src/out/main', isPackaged: true, devUrl: 'http://localhost:5173' }).kind).toBe('app');
    expect(rendererLocation({ mainDir: '/src/out/main', isPackaged: false, devUrl: 'https://attacker.example/' }).kind).toBe('app');
    expect(rendererLocation({ mainDir: '/src/out/main', isPackaged: false, devUrl: 'file:///tmp/evil.html' }).kind).toBe('app');
  });
});
