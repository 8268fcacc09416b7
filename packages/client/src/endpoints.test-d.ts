import { describe, expectTypeOf, it } from 'vitest';
import * as browser from './index.js';
import { DEFAULT_REGION, imsEndpoint } from './index.node.js';

describe('endpoint exports (both entries)', () => {
  it('DEFAULT_REGION is a string and imsEndpoint turns a region into a URL string', () => {
    expectTypeOf(DEFAULT_REGION).toBeString();
    expectTypeOf(imsEndpoint).toEqualTypeOf<(region: string) => string>();
    expectTypeOf(browser.imsEndpoint).toEqualTypeOf(imsEndpoint);
    expectTypeOf(browser.DEFAULT_REGION).toEqualTypeOf(DEFAULT_REGION);
    // @ts-expect-error -- the region is required: the default is DEFAULT_REGION, said by the caller
    imsEndpoint();
    // @ts-expect-error -- a region id is a string, not an options object
    imsEndpoint({ region: 'cn-north-4' });
    // @ts-expect-error -- the template itself is not exported
    void browser.IMS_SERVER_URL;
  });
});
