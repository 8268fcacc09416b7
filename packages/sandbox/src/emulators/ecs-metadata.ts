// The ECS instance metadata API as Huawei's official SDKs use it (research/credentials.md,
// huaweicloud-sdk-go-v3 core/auth/internal/metadata_accessor.go):
//   PUT /meta-data/latest/api/token   X-Metadata-Token-Ttl-Seconds: n  → a session token (text)
//   GET /openstack/latest/securitykey X-Metadata-Token: <session>      → {"credential": {...}}
// A missing, unknown or expired session token is a 401 whose body does NOT mention the agency (the SDKs
// then fetch a new session token and retry once); an instance without an agency is a 401 whose body says
// "Please configure Cloud Service Agency first" (the SDKs give up). Answers never carry CORS headers and a
// request with an Origin is refused: on a real instance the address is unreachable from web pages, and
// here a page must not obtain credentials.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TemporaryCredentialStore } from './temporary-credentials.js';

export const METADATA_TOKEN_PATH = '/meta-data/latest/api/token';
export const SECURITY_KEY_PATH = '/openstack/latest/securitykey';
/** The text the official SDKs look for to tell "no agency" from "session token expired". */
export const NO_AGENCY_MESSAGE = 'Please configure Cloud Service Agency first';
/** The session token TTL range, in seconds (the official SDKs ask for 21 600, six hours). */
export const MAX_SESSION_TTL_SECONDS = 21_600;
/** Live session tokens kept at most; beyond it the oldest is forgotten (its holder just gets a new one). */
const MAX_SESSIONS = 10_000;

export interface EcsMetadataOptions {
  /** Lifetime of the temporary credentials handed out, in seconds. Default 3600. */
  ttlSeconds?: number;
  /** false: the instance has no agency, so securitykey answers the "configure an agency" 401. Default true. */
  agency?: boolean;
}

export interface EcsMetadataCounters {
  metadataToken: number;
  securityKey: number;
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export class EcsMetadata {
  /** Session token → expiry (epoch ms). */
  private readonly sessions = new Map<string, number>();
  readonly counters: EcsMetadataCounters = { metadataToken: 0, securityKey: 0 };
  private readonly agency: boolean;

  constructor(
    options: EcsMetadataOptions,
    private readonly store: TemporaryCredentialStore,
  ) {
    this.agency = options.agency ?? true;
  }

  /** Answers the two metadata paths; returns false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, now = Date.now()): boolean {
    if ((path === METADATA_TOKEN_PATH || path === SECURITY_KEY_PATH) && req.headers.origin !== undefined) {
      // Only browsers send Origin, and no page has any business here (a real instance's metadata address
      // is not reachable from one either).
      if (path === METADATA_TOKEN_PATH) this.counters.metadataToken++;
      else this.counters.securityKey++;
      req.resume();
      sendText(res, 403, 'Forbidden: the metadata API does not answer browsers (the request has an Origin header)', { Connection: 'close' });
      return true;
    }
    if (path === METADATA_TOKEN_PATH) {
      this.counters.metadataToken++;
      req.resume(); // nothing in a body matters here
      if (req.method !== 'PUT') sendText(res, 405, 'Method Not Allowed: use PUT', { Allow: 'PUT' });
      else this.newSession(req, res, now);
      return true;
    }
    if (path === SECURITY_KEY_PATH) {
      this.counters.securityKey++;
      req.resume();
      if (req.method !== 'GET') sendText(res, 405, 'Method Not Allowed: use GET', { Allow: 'GET' });
      else this.securityKey(req, res, now);
      return true;
    }
    return false;
  }

  private newSession(req: IncomingMessage, res: ServerResponse, now: number): void {
    const raw = req.headers['x-metadata-token-ttl-seconds'];
    const ttl = typeof raw === 'string' && /^\d{1,6}$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(ttl >= 1 && ttl <= MAX_SESSION_TTL_SECONDS)) {
      sendText(res, 400, `Bad Request: X-Metadata-Token-Ttl-Seconds must be an integer from 1 to ${MAX_SESSION_TTL_SECONDS}`);
      return;
    }
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, now + ttl * 1000);
    sendText(res, 200, token, { 'X-Metadata-Token-Ttl-Seconds': String(ttl) });
  }

  private validSession(given: string | string[] | undefined, now: number): boolean {
    if (typeof given !== 'string' || given === '') return false;
    // A map lookup keyed by the token: the key is hashed before any comparison, so its timing does not
    // reveal the token byte by byte the way a naive string compare would.
    const expiresAt = this.sessions.get(given);
    if (expiresAt === undefined) return false;
    if (expiresAt <= now) {
      this.sessions.delete(given);
      return false;
    }
    return true;
  }

  private securityKey(req: IncomingMessage, res: ServerResponse, now: number): void {
    if (!this.validSession(req.headers['x-metadata-token'], now)) {
      sendText(res, 401, 'Unauthorized: X-Metadata-Token is missing, unknown or expired; PUT ' + METADATA_TOKEN_PATH + ' for a new one');
      return;
    }
    if (!this.agency) {
      sendText(res, 401, `401 Unauthorized\n${NO_AGENCY_MESSAGE}`);
      return;
    }
    const c = this.store.issue(now);
    const text = JSON.stringify({
      credential: {
        access: c.ak,
        secret: c.sk,
        securitytoken: c.securityToken,
        // IAM's temporary credentials carry microseconds: 2026-12-01T19:30:00.000000Z
        expires_at: new Date(c.expiresAt).toISOString().replace(/Z$/, '000Z'),
      },
    });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
    res.end(text);
  }
}
