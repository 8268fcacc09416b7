import { DEFAULT_REGION, imsEndpoint } from '@ims-quick-import/client';
import { describe, expect, it } from 'vitest';
import { endpointOf, iamEndpointOption } from './connect.js';
import { UsageError } from './errors.js';
import { messages } from './i18n/index.js';

const m = messages('en');

describe('endpointOf', () => {
  it("--region, else IMS_REGION, else the client's DEFAULT_REGION (the spec's); --endpoint, else IMS_ENDPOINT, overrides the region", () => {
    expect(endpointOf({}, {}, m)).toEqual({ region: DEFAULT_REGION });
    expect(endpointOf({}, { IMS_REGION: 'ap-southeast-1' }, m)).toEqual({ region: 'ap-southeast-1' });
    expect(endpointOf({ region: 'cn-east-3' }, { IMS_REGION: 'ap-southeast-1' }, m)).toEqual({ region: 'cn-east-3' });
    expect(endpointOf({}, { IMS_ENDPOINT: 'http://127.0.0.1:8787' }, m)).toEqual({ region: DEFAULT_REGION, baseUrl: 'http://127.0.0.1:8787' });
    expect(endpointOf({ endpoint: 'https://proxy.example/ims' }, { IMS_ENDPOINT: 'http://x' }, m).baseUrl).toBe('https://proxy.example/ims');
    expect(imsEndpoint(endpointOf({ region: 'ap-southeast-1' }, {}, m).region)).toBe('https://ims.ap-southeast-1.myhuaweicloud.com');
  });
  it.each(['ftp://x', 'not a url', 'file:///etc/passwd', 'javascript:alert(1)'])('%j is refused as an endpoint', (endpoint) => {
    expect(() => endpointOf({ endpoint }, {}, m)).toThrow('is not an http(s) URL');
  });
  it.each(['evil.example/', 'x@evil.example', 'cn-north-4.evil.example', 'CN-NORTH-4'])('%j is refused as a region: a usage error (exit 2), in both languages', (region) => {
    expect(() => endpointOf({ region }, {}, m)).toThrow(new UsageError(`--region (or IMS_REGION): "${region}" is not a region id (lower-case letters, digits and dashes, e.g. ${DEFAULT_REGION})`));
    expect(() => endpointOf({}, { IMS_REGION: region }, messages('zh-CN'))).toThrow(`“${region}”不是区域 ID`);
    // With an endpoint the region only names the project IAM is asked for: not a host, not checked.
    expect(endpointOf({ region, endpoint: 'http://127.0.0.1:1' }, {}, m).region).toBe(region);
  });
});

describe('iamEndpointOption', () => {
  const env = { HUAWEICLOUD_SDK_IAM_ENDPOINT: 'https://iam.env.example' };
  it('--iam-endpoint always', () => {
    expect(iamEndpointOption({ iamEndpoint: 'https://iam.flag.example' }, env, undefined)).toBe('https://iam.flag.example');
    expect(iamEndpointOption({ iamEndpoint: 'https://iam.flag.example' }, env, 'http://127.0.0.1:1')).toBe('https://iam.flag.example');
  });
  it("region mode: nothing else, so the client's order decides (the profile's iam_endpoint before the variable)", () => {
    expect(iamEndpointOption({}, env, undefined)).toBeUndefined();
  });
  it('--endpoint: the variable counts as the flag; nothing at all means no discovery', () => {
    expect(iamEndpointOption({}, env, 'http://127.0.0.1:1')).toBe('https://iam.env.example');
    expect(iamEndpointOption({}, {}, 'http://127.0.0.1:1')).toBeUndefined();
  });
});
