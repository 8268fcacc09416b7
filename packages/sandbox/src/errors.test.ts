import { describe, expect, it } from 'vitest';
import { responseErrors } from '../test/helpers/spec.js';
import { gatewayError, imgMessage, imsError, SANDBOX_ERROR_CODES, sandboxFailure } from './errors.js';
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

describe('the sandbox’s own failures', () => {
  it('answer 500 and 503 in a body the spec’s ErrorBody accepts, with codes no source gives a meaning', () => {
    const highest = Math.max(...Object.keys(IMG_CATALOG).map((c) => Number(c.slice(4))));
    for (const [kind, status] of [['internal', 500], ['unavailable', 503]] as const) {
      const r = sandboxFailure(kind, 'ims-sandbox: what happened');
      expect(r).toEqual({ status, body: { error: { code: SANDBOX_ERROR_CODES[kind], message: 'ims-sandbox: what happened' } } });
      expect(responseErrors(null, status, r.body)).toEqual([]);
      // Not a catalog code (IMG.0061 "Unknown system error." is a 400), and above every code the sources list.
      expect(Object.keys(IMG_CATALOG)).not.toContain(r.body.error.code);
      expect(Number(r.body.error.code.slice(4))).toBeGreaterThan(highest);
      expect(r.body.error.code.endsWith(String(status))).toBe(true);
    }
  });
});
