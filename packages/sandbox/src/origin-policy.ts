// Who may talk to the sandbox from a browser. Two defences, as Vite and webpack-dev-server have them:
// - Host allow-list (DNS rebinding): a page on evil.example whose name is re-pointed at 127.0.0.1 is, to
//   the browser, same-origin with the sandbox — but its requests still say `Host: evil.example`. Only
//   loopback names, IP literals (rebinding needs a name) and the names configured are answered.
// - CORS allow-list: loopback origins (any port) and the configured ones; no other origin is ever echoed,
//   and a request carrying another origin is refused outright, so a page elsewhere cannot even fire a
//   request whose answer it cannot read.
import { isIP } from 'node:net';

export interface OriginPolicyOptions {
  /** Exact origins allowed besides loopback ones, e.g. `https://docs.example.com`. */
  corsOrigins?: readonly string[];
  /** Host names answered besides loopback names and IP literals; `.example.com` also allows subdomains. */
  allowedHosts?: readonly string[];
  /** The interface the server is bound to (answered as a Host too when it is a name). */
  boundHost?: string;
}

/** `name` of a Host header value `name[:port]` or `[v6]:port`, lower-case, without a trailing dot. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(1, end);
  }
  const colon = h.lastIndexOf(':');
  const name = colon < 0 ? h : h.slice(0, colon);
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

const isLoopbackName = (name: string) => name === 'localhost' || name.endsWith('.localhost');

/** Validates and normalises an origin option: scheme://host[:port], nothing else. */
export function normaliseOrigin(origin: string): string {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    throw new TypeError(`corsOrigins: ${JSON.stringify(origin)} is not an origin like https://docs.example.com`);
  }
  const bare = u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password && !origin.trim().endsWith('/');
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !bare) {
    throw new TypeError(`corsOrigins: ${JSON.stringify(origin)} is not an origin like https://docs.example.com (scheme, host and port only)`);
  }
  return u.origin;
}

export class OriginPolicy {
  private readonly origins: Set<string>;
  private readonly exactHosts = new Set<string>();
  private readonly suffixes: string[] = [];

  constructor(options: OriginPolicyOptions = {}) {
    this.origins = new Set((options.corsOrigins ?? []).map(normaliseOrigin));
    const bound = options.boundHost && isIP(options.boundHost) === 0 ? [options.boundHost] : [];
    for (const h of [...(options.allowedHosts ?? []), ...bound]) {
      const name = h.trim().toLowerCase();
      if (name === '' || /[\s/@]/.test(name)) throw new TypeError(`allowedHosts: ${JSON.stringify(h)} is not a host name`);
      if (name.startsWith('.')) this.suffixes.push(name);
      else this.exactHosts.add(hostName(name));
    }
  }

  /** Is a request with this Host header one the sandbox answers? (No Host: an HTTP/1.0 tool, not a browser.) */
  hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return true;
    const name = hostName(host);
    if (isIP(name) !== 0 || isLoopbackName(name) || this.exactHosts.has(name)) return true;
    return this.suffixes.some((s) => name.endsWith(s) || name === s.slice(1));
  }

  /** Is this Origin allowed: loopback, configured, or the sandbox's own origin as the Host names it? */
  originAllowed(origin: string, host: string | undefined): boolean {
    if (this.origins.has(origin)) return true;
    let u: URL;
    try {
      u = new URL(origin);
    } catch {
      return false; // "null" (sandboxed frames, file: pages) and garbage
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    const name = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
    if (isLoopbackName(name) || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)) return true;
    // Same-origin pages (e.g. the docs the demo serves) send Origin on POSTs too.
    return host !== undefined && this.hostAllowed(host) && u.host === host.trim().toLowerCase();
  }
}
