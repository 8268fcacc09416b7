import { describe, expect, it } from 'vitest';
import { hostName, normaliseOrigin, OriginPolicy } from './origin-policy.js';

describe('hostName', () => {
  it('takes the name out of a Host header value', () => {
    expect(hostName('Example.COM:8080')).toBe('example.com');
    expect(hostName('example.com.')).toBe('example.com');
    expect(hostName('[::1]:8787')).toBe('::1');
    expect(hostName('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('OriginPolicy', () => {
  const p = new OriginPolicy({ corsOrigins: ['https://docs.example.com'], allowedHosts: ['sandbox.test', '.lan'], boundHost: 'devbox' });

  it('answers loopback names, IP literals, the bound name and the configured ones; nothing else', () => {
    for (const h of ['localhost:1', 'app.localhost', '127.0.0.1:8787', '[::1]:8787', '10.0.0.7:80', 'sandbox.test:8787', 'box.lan', 'lan', 'devbox:8787', undefined]) {
      expect(p.hostAllowed(h), String(h)).toBe(true);
    }
    for (const h of ['evil.test', 'evil.test:8787', 'sandbox.test.evil.test', 'localhost.evil.test', 'evillan', '']) {
      expect(p.hostAllowed(h), h).toBe(false);
    }
  });

  it('allows loopback origins on any port, configured ones, and same-origin pages; never another', () => {
    for (const o of ['http://127.0.0.1:5555', 'http://localhost:3000', 'http://[::1]:8080', 'https://localhost', 'https://docs.example.com']) {
      expect(p.originAllowed(o, '127.0.0.1:8787'), o).toBe(true);
    }
    expect(p.originAllowed('http://sandbox.test:8787', 'sandbox.test:8787')).toBe(true);
    for (const o of ['http://evil.test', 'null', 'http://docs.example.com', 'https://docs.example.com:444', 'file://', 'http://127.0.0.1.evil.test']) {
      expect(p.originAllowed(o, '127.0.0.1:8787'), o).toBe(false);
    }
    // Same origin only counts for a Host the sandbox answers.
    expect(p.originAllowed('http://evil.test:8787', 'evil.test:8787')).toBe(false);
  });

  it('checks the shape of the options', () => {
    expect(normaliseOrigin('https://Docs.Example.com')).toBe('https://docs.example.com');
    for (const bad of ['docs.example.com', 'https://docs.example.com/', 'https://docs.example.com/x', 'ftp://x', 'https://u:p@x.com']) {
      expect(() => normaliseOrigin(bad), bad).toThrow(TypeError);
    }
    expect(() => new OriginPolicy({ allowedHosts: ['a b'] })).toThrow(/allowedHosts/);
  });
});
