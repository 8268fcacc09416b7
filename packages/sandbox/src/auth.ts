// Authentication as Huawei's API gateway does it: an IAM token in X-Auth-Token, or an AK/SK signature.
import { isAkSkAuthorization, verifyAkSk, type AkSkCredential } from './aksk-verify.js';
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
  private readonly byAk: Map<string, AkSkCredential>;
  private readonly temporary: ((ak: string) => AkSkCredential | undefined) | undefined;
  readonly open: boolean;

  constructor(config: AuthConfig) {
    this.tokens = new Set(config.tokens ?? []);
    this.byAk = new Map((config.credentials ?? []).map((c) => [c.ak, c]));
    this.temporary = config.temporary;
    // With no tokens, no credentials and no metadata emulation the sandbox runs open (see the README).
    this.open = this.tokens.size === 0 && this.byAk.size === 0 && !this.temporary;
  }

  private lookup = (ak: string): AkSkCredential | undefined => this.byAk.get(ak) ?? this.temporary?.(ak);

  check(req: AuthRequest, requestId: string, now = Date.now()): AuthResult {
    const token = req.headers['x-auth-token'];
    const authorization = req.headers['authorization'];
    const projectHeader = typeof req.headers['x-project-id'] === 'string' ? req.headers['x-project-id'] : undefined;
    if (this.open) return { ok: true, method: 'open', ...(projectHeader ? { projectId: projectHeader } : {}) };

    if (typeof token === 'string' && token !== '') {
      if (this.tokens.has(token)) return { ok: true, method: 'token', ...(projectHeader ? { projectId: projectHeader } : {}) };
      // A bad or expired IAM token is APIGW.0301 (0303 is APP authentication, which the sandbox has not).
      return { ok: false, reply: gatewayError('APIGW.0301', requestId, { detail: 'the X-Auth-Token is invalid or expired' }) };
    }
    if (typeof authorization === 'string' && isAkSkAuthorization(authorization)) {
      const r = verifyAkSk(req, this.lookup, now);
      if (!r.ok) {
        let detail = r.reason;
        if (r.signedHeaders) detail += `, SignedHeaders:${r.signedHeaders}`;
        // Like the real gateway, show the canonical request it computed, with `|` for newlines.
        if (r.canonicalRequest) detail += `, canonicalRequest:${r.canonicalRequest.replace(/\n/g, '|')}`;
        return { ok: false, reply: gatewayError('APIGW.0301', requestId, { detail }) };
      }
      // A credential bound to a project cannot act in another one (IMS answers IMG.0030).
      if (projectHeader && r.credential.projectId && projectHeader !== r.credential.projectId) {
        return { ok: false, reply: imsError('IMG.0030') };
      }
      const projectId = projectHeader ?? r.credential.projectId;
      return { ok: true, method: 'aksk', ...(projectId ? { projectId } : {}) };
    }
    return {
      ok: false,
      reply: gatewayError('APIGW.0301', requestId, { detail: 'send X-Auth-Token, or sign the request with AK/SK (Authorization: SDK-HMAC-SHA256 …)' }),
    };
  }
}
