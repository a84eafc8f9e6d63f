// The Content-Security-Policy both hosts send with the renderer. It matches the meta tag in
// src-renderer/index.html (the header and the tag both apply, so the stricter of the two wins), except for
// frame-ancestors, which browsers take only from a header (in a meta tag they ignore it and log an error);
// hosts only name the extra places the page may connect to.
const BASE_DIRECTIVES: readonly [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['worker-src', "'self' blob:"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** @param connectTo origins the page may open connections to besides its own, e.g. `ws://127.0.0.1:8080`. */
export function contentSecurityPolicy(connectTo: readonly string[] = []): string {
  const directives = [...BASE_DIRECTIVES, ['connect-src', ["'self'", ...connectTo].join(' ')] as [string, string]];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
