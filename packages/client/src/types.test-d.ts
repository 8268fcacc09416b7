import { describe, expectTypeOf, it } from 'vitest';
import { createImsClient, tokenAuth, type DataDiskImageRequest, type Job, type QuickImportRequest, type SystemDiskImageRequest } from './index.js';

const client = createImsClient({ auth: tokenAuth('t') });
const system = { name: 'n', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'b:o', min_disk: 40 } as const;
const data = { name: 'n', image_url: 'b:o', min_disk: 40, type: 'DataImage', os_type: 'Linux' } as const;

describe('quick-import body types', () => {
  it('system-disk type is optional and nullable (the service defaults it to ECS)', () => {
    expectTypeOf<SystemDiskImageRequest['type']>().toEqualTypeOf<'ECS' | 'BMS' | null | undefined>();
    expectTypeOf<DataDiskImageRequest['type']>().toEqualTypeOf<'DataImage'>();
    expectTypeOf(system).toMatchTypeOf<QuickImportRequest>();
    expectTypeOf({ ...system, type: 'BMS' as const }).toMatchTypeOf<QuickImportRequest>();
    expectTypeOf({ ...system, type: null }).toMatchTypeOf<QuickImportRequest>();
  });

  it('narrows on type', () => {
    const body = {} as QuickImportRequest;
    if (body.type === 'DataImage') {
      expectTypeOf(body).toEqualTypeOf<DataDiskImageRequest>();
      expectTypeOf(body.os_type).toEqualTypeOf<DataDiskImageRequest['os_type']>();
    } else {
      expectTypeOf(body).toEqualTypeOf<SystemDiskImageRequest>();
      expectTypeOf(body.os_version).toBeString();
    }
    switch (body.type) {
      case 'ECS':
      case 'BMS':
        expectTypeOf(body).toEqualTypeOf<SystemDiskImageRequest>();
        break;
      case 'DataImage':
        expectTypeOf(body).toEqualTypeOf<DataDiskImageRequest>();
        break;
      default:
        expectTypeOf(body.type).toEqualTypeOf<null | undefined>();
    }
  });

  it('rejects mixed-up and incomplete bodies at compile time', () => {
    void client.quickImport(system);
    void client.quickImport(data);
    // The SDKs send one flat model: a data-disk body with an os_version is not refused (issue 13; the
    // validators warn about it), so the types accept it too.
    void client.quickImport({ ...data, os_version: 'Ubuntu 22.04 server 64bit' });
    // @ts-expect-error -- os_type belongs to data-disk images
    void client.quickImport({ ...system, os_type: 'Linux' });
    // @ts-expect-error -- unknown type
    void client.quickImport({ ...system, type: 'VM' });
    // @ts-expect-error -- min_disk is required
    void client.quickImport({ name: 'n', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'b:o' });
    // @ts-expect-error -- a data-disk body needs os_version-free fields plus image_url
    void client.quickImport({ name: 'n', min_disk: 40, type: 'DataImage', os_type: 'Linux' });
  });
});

describe('client types', () => {
  it('returns typed results', () => {
    expectTypeOf(client.quickImport(system)).resolves.toEqualTypeOf<{ jobId: string; requestId?: string; warnings?: unknown[] }>();
    expectTypeOf(client.getJob('j')).resolves.toEqualTypeOf<Job>();
    expectTypeOf(client.importAndWait(system)).resolves.toEqualTypeOf<{ jobId: string; imageId: string; job: Job }>();
    expectTypeOf<Job['status']>().toEqualTypeOf<'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL'>();
  });

  it('keeps the openapi-fetch methods typed by path', () => {
    void client.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: 'j' } } });
    // @ts-expect-error -- job_id path parameter missing
    void client.GET('/v1/cloudimages/job/{job_id}', { params: { path: {} } });
    // @ts-expect-error -- no such path
    void client.GET('/v9/nothing');
    void client.getJob('j', { api: 'legacy' });
    // @ts-expect-error -- api is 'progress' or 'legacy'
    void client.getJob('j', { api: 'v3' });
  });
});

describe('ImsApiError fields and apiErrorFromAnswer (Node entry)', () => {
  it('carries the server words and the clock skew as data', async () => {
    const { apiErrorFromAnswer, ImsApiError } = await import('./index.node.js');
    const e = apiErrorFromAnswer(new Response(null), { error: { code: 'IMG.0001' } }, ['sk']);
    expectTypeOf(e).toEqualTypeOf<InstanceType<typeof ImsApiError>>();
    expectTypeOf(e.detail).toEqualTypeOf<string | undefined>();
    expectTypeOf(e.clockSkewMs).toEqualTypeOf<number | undefined>();
    // @ts-expect-error the answer's Response is required, not its body alone
    apiErrorFromAnswer({ error: { code: 'IMG.0001' } });
  });
  it('is not named by the browser entry (its size budget)', async () => {
    const browser = await import('./index.js');
    // @ts-expect-error the browser entry does not export it
    expectTypeOf(browser.apiErrorFromAnswer).toBeFunction();
  });
});
