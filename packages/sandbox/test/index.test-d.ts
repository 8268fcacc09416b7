import { describe, expectTypeOf, it } from 'vitest';
import {
  JournalDamagedError,
  JournalLockedError,
  SANDBOX_ERROR_CODES,
  SPEC_VERSION,
  startSandbox,
  verifyAkSk,
  writeBucketImage,
  type AkSkResult,
  type BucketImage,
  type DamagedLine,
  type Sandbox,
  type SandboxCounters,
  type SandboxOptions,
} from '../src/index.js';

describe('public types', () => {
  it('startSandbox takes the documented options and resolves to { url, close }', () => {
    expectTypeOf(startSandbox).parameter(0).toEqualTypeOf<SandboxOptions>();
    expectTypeOf(startSandbox).returns.resolves.toEqualTypeOf<Sandbox>();
    expectTypeOf<Sandbox['url']>().toEqualTypeOf<string>();
    expectTypeOf<Sandbox['close']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(SPEC_VERSION).toEqualTypeOf<string>();
  });

  it('rejects options the sandbox does not take', () => {
    // @ts-expect-error bucketsDir is required
    void startSandbox({ port: 0 });
    // @ts-expect-error a credential needs an sk
    void startSandbox({ bucketsDir: '/tmp', credentials: [{ ak: 'a' }] });
    // @ts-expect-error tokens are strings
    void startSandbox({ bucketsDir: '/tmp', tokens: [1] });
  });

  it('verifyAkSk narrows on ok', () => {
    const r = verifyAkSk({ method: 'GET', rawUrl: '/', headers: {}, body: new Uint8Array() }, () => undefined) as AkSkResult;
    if (r.ok) expectTypeOf(r.credential.sk).toEqualTypeOf<string>();
    else expectTypeOf(r.reason).toEqualTypeOf<string>();
  });

  it('journal errors carry what a caller needs to act on them', () => {
    expectTypeOf<JournalLockedError['pid']>().toEqualTypeOf<number>();
    expectTypeOf<JournalLockedError['file']>().toEqualTypeOf<string>();
    expectTypeOf<JournalDamagedError['damaged']>().toEqualTypeOf<DamagedLine[]>();
    expectTypeOf<DamagedLine>().toEqualTypeOf<{ line: number; reason: string }>();
    expectTypeOf<SandboxOptions['repair']>().toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error repair is a flag, not a backup path
    void startSandbox({ bucketsDir: '/tmp', repair: 'backup.jsonl' });
  });

  it('the emulators and the origin policy take the documented shapes', () => {
    expectTypeOf<SandboxOptions['ecsMetadata']>().toEqualTypeOf<{ ttlSeconds?: number; agency?: boolean } | undefined>();
    expectTypeOf<SandboxOptions['iamProjects']>().toEqualTypeOf<{ id: string; name: string }[] | undefined>();
    expectTypeOf<SandboxOptions['corsOrigins']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<SandboxOptions['allowedHosts']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Sandbox['counters']>().returns.toEqualTypeOf<SandboxCounters>();
    expectTypeOf<SandboxCounters>().toEqualTypeOf<{ metadataToken: number; securityKey: number; iamProjects: number }>();
    // @ts-expect-error a project needs a name (the region it answers for)
    void startSandbox({ bucketsDir: '/tmp', iamProjects: [{ id: 'p' }] });
    // @ts-expect-error the metadata TTL is a number of seconds
    void startSandbox({ bucketsDir: '/tmp', ecsMetadata: { ttlSeconds: '60' } });
    // @ts-expect-error origins are strings
    void startSandbox({ bucketsDir: '/tmp', corsOrigins: [new URL('https://x.example')] });
  });

  it('the codes of the sandbox\'s own failures are fixed literals', () => {
    expectTypeOf(SANDBOX_ERROR_CODES).toEqualTypeOf<{ readonly internal: 'IMG.9500'; readonly unavailable: 'IMG.9503' }>();
    // @ts-expect-error they are constants, not settings
    SANDBOX_ERROR_CODES.internal = 'IMG.0061';
  });

  it('writeBucketImage takes a .raw or .zvhd2 key and resolves to the image_url', () => {
    expectTypeOf(writeBucketImage).parameter(1).toEqualTypeOf<BucketImage>();
    expectTypeOf(writeBucketImage).returns.resolves.toEqualTypeOf<string>();
    void writeBucketImage('/tmp/b', { bucket: 'b', object: 'images/disk.raw', withManifest: false, bytes: 2048 });
    // @ts-expect-error quick import takes .raw and .zvhd2 objects only
    void writeBucketImage('/tmp/b', { bucket: 'b', object: 'images/disk.qcow2' });
    // @ts-expect-error a ZVHD2 image has no .mf bitmap file
    void writeBucketImage('/tmp/b', { bucket: 'b', object: 'images/disk.zvhd2', withManifest: true });
  });
});
