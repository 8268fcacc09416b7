import { describe, expect, it } from 'vitest';
import { isLocalUrl } from './browser.js';

describe('isLocalUrl', () => {
  it('lets the page itself and loopback through', () => {
    for (const url of ['file:///x/index.html', 'data:image/png;base64,AA', 'blob:null/1', 'about:blank', 'http://127.0.0.1:4000/', 'http://localhost/x', 'http://[::1]:80/'])
      expect(isLocalUrl(url), url).toBe(true);
  });
  it('stops everything else', () => {
    for (const url of ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'http://127.0.0.2/', 'https://localhost.example/', 'wss://x.example', 'not a url'])
      expect(isLocalUrl(url), url).toBe(false);
  });
});
