import { describe, expectTypeOf, it } from 'vitest';
import {
  akskAuth, createImsClient, type Credentials, type CredentialsAttempt, type CredentialsProvider, CredentialsError, defaultCredentials, fromEcsMetadata, fromEnv, fromProfileFile,
  ImsApiError, type QuickImportResult, ResponseTooLargeError, TimeoutError,
} from './index.node.js';

describe('credentials and providers (Node entry)', () => {
  it('akskAuth takes static credentials or a provider, sync or async', () => {
    akskAuth({ ak: 'a', sk: 's' });
    akskAuth({ ak: 'a', sk: 's', securityToken: 't', projectId: 'p', expiresAt: new Date() });
    akskAuth(() => ({ ak: 'a', sk: 's' }));
    akskAuth(async () => ({ ak: 'a', sk: 's', expiresAt: new Date() }));
    akskAuth(defaultCredentials());
    akskAuth(fromEnv());
    akskAuth(fromEnv({ HUAWEICLOUD_SDK_AK: 'a' }));
    akskAuth(fromProfileFile({ file: '/x', section: 'basic' }));
    akskAuth(fromEcsMetadata({ endpoint: 'http://127.0.0.1:1' }));
    // @ts-expect-error -- sk is required
    akskAuth({ ak: 'a' });
    akskAuth(async () => ({ ak: 'a', sk: 's', iamEndpoint: 'iam.cn-north-4.myhuaweicloud.com' }));
    expectTypeOf<Credentials['iamEndpoint']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error -- iamEndpoint is a URL string, not a URL object
    akskAuth({ ak: 'a', sk: 's', iamEndpoint: new URL('https://iam.example') });
    // @ts-expect-error -- expiresAt is a Date, not a string
    akskAuth({ ak: 'a', sk: 's', expiresAt: '2026-01-01' });
    // @ts-expect-error -- a provider returns credentials
    akskAuth(async () => 'ak:sk');
    // @ts-expect-error -- fromProfileFile takes an options object
    fromProfileFile('/x');
    // @ts-expect-error -- the metadata endpoint is a string
    fromEcsMetadata({ endpoint: new URL('http://x') });
  });

  it('providers are CredentialsProviders with a source', () => {
    expectTypeOf(fromEnv()).toExtend<CredentialsProvider>();
    expectTypeOf(defaultCredentials().source).toEqualTypeOf<string | undefined>();
    expectTypeOf<ReturnType<CredentialsProvider>>().toEqualTypeOf<Credentials | Promise<Credentials>>();
    expectTypeOf<CredentialsError['source']>().toBeString();
  });
});

describe('client options and errors', () => {
  it('accepts the new options, typed', () => {
    createImsClient({ auth: akskAuth(defaultCredentials()), region: 'cn-north-4', iamEndpoint: 'iam.cn-north-4.myhuaweicloud.com', projectId: 'p', timeoutMs: 5000, maxResponseBytes: 1 << 20 });
    createImsClient({ auth: akskAuth(fromEnv()), onWarnings: (warnings, body) => void [warnings, body], validateRequest: () => ({ ok: true, warnings: [] }) });
    // @ts-expect-error -- timeoutMs is a number of ms
    createImsClient({ auth: akskAuth(fromEnv()), timeoutMs: '30s' });
    // @ts-expect-error -- maxResponseBytes is a number
    createImsClient({ auth: akskAuth(fromEnv()), maxResponseBytes: '10MiB' });
    // @ts-expect-error -- iamEndpoint is a string
    createImsClient({ auth: akskAuth(fromEnv()), iamEndpoint: true });
  });

  it('the errors carry what they say', () => {
    expectTypeOf<ImsApiError['location']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TimeoutError['timeoutMs']>().toBeNumber();
    expectTypeOf<TimeoutError['name']>().toEqualTypeOf<'TimeoutError'>();
    expectTypeOf<ResponseTooLargeError['name']>().toEqualTypeOf<'ResponseTooLargeError'>();
    expectTypeOf<QuickImportResult['warnings']>().toEqualTypeOf<unknown[] | undefined>();
  });

  it("a CredentialsError's attempts: a source and a reason code from closed lists, read-only", () => {
    expectTypeOf<CredentialsError['attempts']>().toEqualTypeOf<readonly CredentialsAttempt[] | undefined>();
    expectTypeOf<CredentialsAttempt['source']>().toEqualTypeOf<'env' | 'profile' | 'ecs-metadata'>();
    expectTypeOf<CredentialsAttempt['detail']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error -- a reason is one of the stable codes, not free text
    const free: CredentialsAttempt = { source: 'env', where: 'x', reason: 'it broke', message: 'x' };
    void free;
    const error = new CredentialsError('m', 's');
    // @ts-expect-error -- the attempts are read-only
    error.attempts = [];
  });
});
