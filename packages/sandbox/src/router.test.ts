import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

const r = new Router();

describe('Router (operations from the bundled spec)', () => {
  it('matches every operation', () => {
    expect(r.match('POST', '/v2/cloudimages/quickimport/action')).toMatchObject({ kind: 'operation', operation: { operationId: 'importImageQuick' } });
    expect(r.match('POST', '/v2.1/cloudimages/quickimport/action')).toMatchObject({ operation: { operationId: 'importImageQuickInSafeMode' } });
    expect(r.match('GET', '/v1/cloudimages/job/abc')).toMatchObject({ operation: { operationId: 'showJobProgress' }, params: { job_id: 'abc' } });
    expect(r.match('GET', '/v1/p1/jobs/abc')).toMatchObject({ operation: { operationId: 'showJob' }, params: { project_id: 'p1', job_id: 'abc' } });
    expect(r.match('GET', '/v1/cloudimages/os_version')).toMatchObject({ operation: { operationId: 'listOsVersions' } });
  });
  it('tolerates one trailing slash, as the gateway does', () => {
    expect(r.match('POST', '/v2/cloudimages/quickimport/action/')).toMatchObject({ kind: 'operation' });
  });
  it('tells an unknown path from a wrong method', () => {
    expect(r.match('GET', '/v1/cloudimages/quickimport/action')).toEqual({ kind: 'not-found' });
    expect(r.match('GET', '/v2/cloudimages/quickimport/action')).toEqual({ kind: 'method-not-allowed', allow: ['POST'] });
    expect(r.match('DELETE', '/v1/cloudimages/job/x')).toEqual({ kind: 'method-not-allowed', allow: ['GET'] });
    expect(r.match('GET', '/v1/cloudimages/job/')).toEqual({ kind: 'not-found' });
    expect(r.match('GET', '/v1/cloudimages/job/%zz')).toEqual({ kind: 'not-found' });
  });
});
