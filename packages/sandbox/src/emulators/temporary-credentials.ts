// Temporary AK/SK/security-token triples, as an ECS instance's agency hands them out. The gateway accepts a
// triple for signing until it expires; an expired one is remembered a while longer so the 401 can say
// "expired" instead of "unknown access key".
import { randomBytes } from 'node:crypto';

export interface TemporaryCredential {
  ak: string;
  sk: string;
  securityToken: string;
  /** Epoch milliseconds after which the gateway refuses the triple. */
  expiresAt: number;
}

/** How long an expired triple is still recognised (for the message), before it is forgotten. */
const REMEMBER_EXPIRED_MS = 60 * 60 * 1000;

const AK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomAk(): string {
  // Huawei temporary AKs are 20 upper-case letters and digits, like permanent ones.
  let out = '';
  for (const b of randomBytes(20)) out += AK_ALPHABET[b % AK_ALPHABET.length];
  return out;
}

export class TemporaryCredentialStore {
  /** Insertion order is expiry order, since every triple of a store lives `ttlMs`. */
  private readonly byAk = new Map<string, TemporaryCredential>();

  constructor(private readonly ttlMs: number) {}

  /** Issues a fresh triple valid for the store's TTL. */
  issue(now = Date.now()): TemporaryCredential {
    this.prune(now);
    const cred: TemporaryCredential = {
      ak: randomAk(),
      sk: randomBytes(30).toString('base64url'),
      // Real security tokens are long opaque strings; the length is what clients must cope with.
      securityToken: randomBytes(384).toString('base64url'),
      expiresAt: now + this.ttlMs,
    };
    this.byAk.set(cred.ak, cred);
    return cred;
  }

  get(ak: string): TemporaryCredential | undefined {
    return this.byAk.get(ak);
  }

  private prune(now: number): void {
    for (const [ak, c] of this.byAk) {
      if (c.expiresAt + REMEMBER_EXPIRED_MS >= now) break;
      this.byAk.delete(ak);
    }
  }

  get size(): number {
    return this.byAk.size;
  }
}
