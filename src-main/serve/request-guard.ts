// Who may talk to the web host. It listens on loopback only, but any web page the user visits can make the
// browser send requests to 127.0.0.1, so the host also checks:
// - Host: must name the host itself, which defeats DNS rebinding (evil.example resolving to 127.0.0.1);
// - Origin (WebSocket): must be the host's own page, as browsers do not apply same-origin rules to sockets;
// - the session token (WebSocket): only someone shown the printed address knows it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function ownHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function ownOrigins(port: number): Set<string> {
  return new Set([...ownHosts(port)].map((host) => `http://${host}`));
}

export function hasOwnHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && ownHosts(port).has(host);
}

export function hasOwnOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin?.toLowerCase();
  return origin !== undefined && ownOrigins(port).has(origin);
}

export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function queryToken(request: IncomingMessage): string | null {
  return new URL(request.url ?? '/', 'http://host').searchParams.get('token');
}
