import { describe, expect, it } from 'vitest';
import { endpointOf } from './connect.js';
import { messages } from './i18n/index.js';

const m = messages('en');

describe('endpointOf', () => {
  it('--region, else IMS_REGION, else cn-north-4; --endpoint, else IMS_ENDPOINT, overrides the region', () => {
    expect(endpointOf({}, {}, m)).toEqual({ region: 'cn-north-4' });
    expect(endpointOf({}, { IMS_REGION: 'ap-southeast-1' }, m)).toEqual({ region: 'ap-southeast-1' });
    expect(endpointOf({ region: 'cn-east-3' }, { IMS_REGION: 'ap-southeast-1' }, m)).toEqual({ region: 'cn-east-3' });
    expect(endpointOf({}, { IMS_ENDPOINT: 'http://127.0.0.1:8787' }, m)).toEqual({ region: 'cn-north-4', baseUrl: 'http://127.0.0.1:8787' });
    expect(endpointOf({ endpoint: 'https://proxy.example/ims' }, { IMS_ENDPOINT: 'http://x' }, m).baseUrl).toBe('https://proxy.example/ims');
  });
  it.each(['ftp://x', 'not a url', 'file:///etc/passwd', 'javascript:alert(1)'])('%j is refused as an endpoint', (endpoint) => {
    expect(() => endpointOf({ endpoint }, {}, m)).toThrow('is not an http(s) URL');
  });
});
