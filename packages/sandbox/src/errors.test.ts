import { describe, expect, it } from 'vitest';
import { gatewayError, imgMessage, imsError } from './errors.js';
import { APIGW_CATALOG, IMG_CATALOG } from './generated/spec-data.js';

describe('error bodies come from the spec catalogs', () => {
  it('uses the catalog status and message', () => {
    expect(imsError('IMG.0007')).toEqual({ status: 400, body: { error: { code: 'IMG.0007', message: IMG_CATALOG['IMG.0007']!.message } } });
    expect(imsError('IMG.0026').status).toBe(403);
    expect(imgMessage('IMG.0121')).toBe(IMG_CATALOG['IMG.0121']!.message);
    expect(gatewayError('APIGW.0301', 'r1')).toEqual({
      status: 401,
      body: { error_code: 'APIGW.0301', error_msg: APIGW_CATALOG['APIGW.0301']!.message, request_id: 'r1' },
    });
  });
  it('picks one of a code’s statuses and appends details', () => {
    const r = gatewayError('APIGW.0201', 'r2', { status: 413, detail: 'too big' });
    expect(r.status).toBe(413);
    expect(r.body.error_msg).toMatch(/: too big$/);
    expect(() => gatewayError('APIGW.0201', 'r', { status: 500 })).toThrow(/not answered with 500/);
  });
  it('refuses codes the spec does not list', () => {
    expect(() => imsError('IMG.9999')).toThrow(/x-error-catalog/);
    expect(() => gatewayError('APIGW.9999', 'r')).toThrow(/x-error-catalog/);
  });
});
