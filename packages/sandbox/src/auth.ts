// Authentication as Huawei's API gateway does it: an IAM token in X-Auth-Token, or an AK/SK signature.
import { timingSafeEqual } from 'node:crypto';
import { checkAkSkHeaders, isAkSkAuthorization, type AkSkCredential } from './aksk-verify.js';
import { gatewayError, imsError, type ErrorReply, type GatewayErrorBody, type ImsErrorBody } from './errors.js';

export interface AuthConfig {
  tokens?: readonly string[];
  credentials?: readonly AkSkCredential[];
  /** Temporary credentials (the ECS metadata emulation), looked up after the permanent ones. */
  temporary?: (ak: string) => AkSkCredential | undefined;
}

export type AuthResult =
  | { ok: true; projectId?: string; method: 'token' | 'aksk' | 'open' }
  | { ok: false; reply: ErrorReply<GatewayErrorBody | ImsErrorBody> };

export interface AuthRequest {
  method: string;
  rawUrl: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

export class Authenticator {
  private readonly tokens: Set<string>;
  private readonly tokenBytes: Buffer[];
  private readonly byAk: Map<string, AkSkCredential>;
  private readonly temporary: ((ak: string) => AkSkCredential | undefined) | undefined;
  readonly open: boolean;

  constructor(config: AuthConfig) {
    this.tokens = new Set(config.tokens ?? []);
    this.tokenBytes = [...this.tokens].map((t) => Buffer.from(t, 'utf8'));
    this.byAk = new Map((config.credentials ?? []).map((c) => [c.ak, c]));
    this.temporary = config.temporary;
    // With no tokens, no credentials and no metadata emulation the sandbox runs open (see the README).
    this.open = this.tokens.size === 0 && this.byAk.size === 0 && !this.temporary;
  }

  private lookup = (ak: string): AkSkCredential | undefined => this.byAk.get(ak) ?? this.temporary?.(ak);

  /** Authenticates a request whose body is at hand (header checks, then the body). */
  check(req: AuthRequest, requestId: string, now = Date.now()): AuthResult {
    const head = this.checkHeaders(req, requestId, now);
    return head.ok ? head.finish(req.body) : head;
  }

  /**
   * Everything the headers decide, so a request without valid credentials is refused before its body is
   * read. A success still has to `finish(body)`: an AK/SK signature may cover the body's hash.
   */
  checkHeaders(req: Omit<AuthRequest, 'body'>, requestId: string, now = Date.now()): AuthHeaderResult {
    const token = req.headers['x-auth-token'];
    const authorization = req.headers['authorization'];
    const projectHeader = typeof req.headers['x-project-id'] === 'string' ? req.headers['x-project-id'] : undefined;
    if (this.open) return accepted({ ok: true, method: 'open', ...(projectHeader ? { projectId: projectHeader } : {}) });

    if (typeof token === 'string' && token !== '') {
      if (this.knownToken(token)) return accepted({ ok: true, method: 'token', ...(projectHeader ? { projectId: projectHeader } : {}) });
      // A bad or expired IAM token is APIGW.0301 (0303 is APP authentication, which the sandbox has not).
      return { ok: false, reply: gatewayError('APIGW.0301', requestId, { detail: 'the X-Auth-Token is invalid or expired' }) };
    }
    if (typeof authorization === 'string' && isAkSkAuthorization(authorization)) {
      const head = checkAkSkHeaders(req, this.lookup, now);
      if (!head.ok) return { ok: false, reply: signatureError(head, requestId) };
      const projectId = projectHeader ?? head.credential.projectId;
      const ok: AuthResult = { ok: true, method: 'aksk', ...(projectId ? { projectId } : {}) };
      // A credential bound to a project cannot act in another one (IMS answers IMG.0030) — decided once
      // the signature is known good, so a forged X-Project-Id is a 401 like any other tampering.
      const wrongProject = projectHeader !== undefined && head.credential.projectId !== undefined && projectHeader !== head.credential.projectId;
      return {
        ...ok,
        finish: (body) => {
          const r = head.finish(body);
          if (!r.ok) return { ok: false, reply: signatureError(r, requestId) };
          return wrongProject ? { ok: false, reply: imsError('IMG.0030') } : ok;
        },
      };
    }
    return {
      ok: false,
      reply: gatewayError('APIGW.0301', requestId, { detail: 'send X-Auth-Token, or sign the request with AK/SK (Authorization: SDK-HMAC-SHA256 …)' }),
    };
  }

  /**
   * Compares with every configured token without an early exit, each comparison in constant time
   * (timingSafeEqual), so timing reveals neither which token nor how much of one matched; only whether a
   * configured token has the given length, which is no secret worth a hash per request.
   */
  private knownToken(token: string): boolean {
    const given = Buffer.from(token, 'utf8');
    let found = false;
    for (const t of this.tokenBytes) found = (t.length === given.length ? timingSafeEqual(given, t) : timingSafeEqual(t, t) && false) || found;
    return found;
  }
}

export type AuthHeaderResult =
  | ({ ok: true; projectId?: string; method: 'token' | 'aksk' | 'open' } & { finish: (body: Uint8Array) => AuthResult })
  | { ok: false; reply: ErrorReply<GatewayErrorBody | ImsErrorBody> };

function accepted(r: AuthResult & { ok: true }): AuthHeaderResult {
  return { ...r, finish: () => r };
}

/** Header values that are credentials themselves: never echoed in an error body. */
const SECRET_HEADER_LINE = /^(x-security-token|x-auth-token):.*$/gm;

function signatureError(r: { reason: string; signedHeaders?: string; canonicalRequest?: string }, requestId: string): ErrorReply<GatewayErrorBody> {
  let detail = r.reason;
  if (r.signedHeaders) detail += `, SignedHeaders:${r.signedHeaders}`;
  // Like the real gateway, show the canonical request it computed, with `|` for newlines — minus the
  // values of credential headers, which a log or a screenshot of the error must not carry.
  if (r.canonicalRequest) detail += `, canonicalRequest:${r.canonicalRequest.replace(SECRET_HEADER_LINE, '$1:<redacted>').replace(/\n/g, '|')}`;
  return gatewayError('APIGW.0301', requestId, { detail });
}
