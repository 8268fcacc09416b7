import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertMatchesOfficial, computeWorkedExample, loadVector, renderWorkedExample } from './aksk-example.js';
import { SITE_SPEC } from './paths.js';

const vector = loadVector();

/**
 * An independent recomputation with node:crypto, written out step by step for this one request shape
 * (JSON body, no query, ASCII path), so the guide's numbers are checked by code that shares nothing with
 * the module that printed them.
 */
function recompute(): { canonicalRequest: string; stringToSign: string; signature: string } {
  const { input } = vector;
  const url = new URL(input.url);
  const headerLines = [
    ...Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v] as const),
    ['host', url.host] as const,
    ['x-sdk-date', input.sdkDate] as const,
  ].sort(([a], [b]) => (a < b ? -1 : 1));
  const canonicalRequest = [
    input.method,
    `${url.pathname}/`,
    '',
    headerLines.map(([k, v]) => `${k}:${v}\n`).join(''),
    headerLines.map(([k]) => k).join(';'),
    createHash('sha256').update(input.body).digest('hex'),
  ].join('\n');
  const stringToSign = `SDK-HMAC-SHA256\n${input.sdkDate}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const signature = createHmac('sha256', input.sk).update(stringToSign).digest('hex');
  return { canonicalRequest, stringToSign, signature };
}

describe('AK/SK worked example', () => {
  const independent = recompute();

  it('agrees with the official signer (the fixture) and with an independent node:crypto computation', () => {
    expect(independent.signature).toBe(vector.expected.signature);
    expect(independent.canonicalRequest).toBe(vector.expected.canonicalRequest);
    const ours = computeWorkedExample(vector.input);
    expect(ours.signature).toBe(independent.signature);
    expect(ours.stringToSign).toBe(independent.stringToSign);
  });

  it('is what the built site shows, step by step', () => {
    const site = JSON.parse(readFileSync(SITE_SPEC, 'utf8')) as { tags: Array<{ name: string; description?: string }> };
    const guide = site.tags.find((t) => t.name === 'Authentication')?.description ?? '';
    expect(guide).toContain(`\`\`\`text\n${independent.canonicalRequest}\n\`\`\``);
    expect(guide).toContain(`\`\`\`text\n${independent.stringToSign}\n\`\`\``);
    expect(guide).toContain(`Signature=${independent.signature}`);
    expect(guide).toContain(vector.input.body);
  });

  it('stops the build when the computation and the official signature disagree', () => {
    const ours = computeWorkedExample({ ...vector.input, sk: `${vector.input.sk}x` });
    expect(() => assertMatchesOfficial(vector, ours)).toThrow(/signature differs from the official signer/);
    const tampered = { ...vector, input: { ...vector.input, body: `${vector.input.body} ` } };
    expect(() => renderWorkedExample(tampered)).toThrow(/payloadHash differs/);
  });

  it('percent-encodes path segments and adds the trailing slash', () => {
    const ours = computeWorkedExample({ ...vector.input, url: 'https://h.example/v1/a b/ü' });
    expect(ours.canonicalUri).toBe('/v1/a%20b/%C3%BC/');
  });
});
