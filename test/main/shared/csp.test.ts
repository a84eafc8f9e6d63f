// The page's own policy (the meta tag in src-renderer/index.html) and the one both hosts send as a header:
// the tag carries nothing a browser ignores there (it logged "frame-ancestors is ignored when delivered via a
// <meta> element" on every load), the header keeps it, and the page names its icon, so no load asks for a
// /favicon.ico the hosts do not have.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src-main/shared/csp';

const INDEX = resolve(import.meta.dirname, '..', '..', '..', 'src-renderer', 'index.html');
const html = readFileSync(INDEX, 'utf8');

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values.join(' ')];
  }));
}

const metaPolicy = directives(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]);
const headerPolicy = directives(contentSecurityPolicy(['ws://127.0.0.1:8080']));

describe('the content security policy', () => {
  it('carries in the meta tag no directive browsers ignore there', () => {
    for (const ignored of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) expect(metaPolicy.has(ignored)).toBe(false);
  });

  it('keeps frame-ancestors in the header, and the rest the same in both (but where the page may connect)', () => {
    expect(headerPolicy.get('frame-ancestors')).toBe("'none'");
    const inHeader = new Map([...headerPolicy].filter(([name]) => name !== 'frame-ancestors' && name !== 'connect-src'));
    const inMeta = new Map([...metaPolicy].filter(([name]) => name !== 'connect-src'));
    expect(inMeta).toEqual(inHeader);
  });

  it('lets the page name its icon: a file of the app, which the policy allows as an image', () => {
    const icon = /<link rel="icon"[^>]* href="([^"]+)"/.exec(html);
    expect(icon).not.toBeNull();
    const href = icon![1];
    expect(href).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/\//i); // no scheme, no other host: built into the page's assets
    expect(existsSync(join(dirname(INDEX), href))).toBe(true);
    expect(metaPolicy.get('img-src')!.split(' ')).toContain("'self'");
  });

  // Offline by default: a source that names another origin (tiles, fonts, glyphs, a CDN) or lets strings run as
  // code fails here, in the tag and in both hosts' headers.
  it('names no other origin, and runs no inline or evaluated script', () => {
    const allowed = new Set(["'self'", "'none'", 'data:', 'blob:']);
    const loopbackSocket = /^ws:\/\/(127\.0\.0\.1|localhost):(\d+|\*)$/;
    const hostsHeader = directives(contentSecurityPolicy(['ws://127.0.0.1:4720', 'ws://localhost:4720']));
    for (const [where, policy] of [['meta', metaPolicy], ['header', hostsHeader], ['app', directives(contentSecurityPolicy())]] as const) {
      expect(policy.get('script-src'), where).toBe("'self'");
      expect(policy.get('default-src'), where).toBe("'self'");
      for (const [name, value] of policy) {
        for (const source of value.split(' ')) {
          const ok = allowed.has(source) || (name === 'style-src' && source === "'unsafe-inline'") ||
            (name === 'connect-src' && loopbackSocket.test(source));
          expect(ok, `${where}: ${name} ${source}`).toBe(true);
        }
      }
    }
  });
});
