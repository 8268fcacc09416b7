// The worked AK/SK example of the authentication guide. Every intermediate value (body hash, canonical
// request, string to sign, signature) is computed here at build time from the fixed inputs of one vector
// made by Huawei's official signer (fixtures/aksk-worked-example.json), and the build stops if our result
// differs from the official one. The guide therefore shows numbers that are both recomputed and verified.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EDITIONS, type EditionText } from './i18n/locales.js';

export interface AkskVector {
  id: string;
  description: string;
  input: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
    ak: string;
    sk: string;
    sdkDate: string;
  };
  expected: {
    authorization: string;
    signedHeaders: string;
    signature: string;
    payloadHash: string;
    canonicalRequest: string;
    stringToSign: string;
  };
}

export interface WorkedExample {
  payloadHash: string;
  canonicalUri: string;
  canonicalHeaders: string;
  signedHeaders: string;
  canonicalRequest: string;
  canonicalRequestHash: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

export const FIXTURE_URL = new URL('../fixtures/aksk-worked-example.json', import.meta.url);

export function loadVector(url: URL = FIXTURE_URL): AkskVector {
  const fixture = JSON.parse(readFileSync(url, 'utf8')) as { origin?: string; vector?: AkskVector };
  if (!fixture.origin || !fixture.vector) throw new Error(`${url.pathname}: expected {origin, vector}`);
  return fixture.vector;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** RFC 3986 unreserved characters stay, every other UTF-8 byte becomes upper-case %XX. */
function encodeSegment(segment: string): string {
  return [...Buffer.from(segment, 'utf8')]
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** SDK-HMAC-SHA256 over a request without a query string, signing every given header plus host and x-sdk-date. */
export function computeWorkedExample(input: AkskVector['input']): WorkedExample {
  const url = new URL(input.url);
  if (url.search) throw new Error('The worked example takes a URL without a query string');
  // URL.pathname is already percent-encoded; decode each segment first so nothing is encoded twice.
  const encodedPath = url.pathname.split('/').map((s) => encodeSegment(decodeURIComponent(s))).join('/');
  const canonicalUri = encodedPath.endsWith('/') ? encodedPath : `${encodedPath}/`;
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers)) headers.set(name.toLowerCase(), value.trim());
  headers.set('host', url.host);
  headers.set('x-sdk-date', input.sdkDate);
  const names = [...headers.keys()].sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name)}\n`).join('');
  const signedHeaders = names.join(';');
  const payloadHash = sha256Hex(input.body);
  const canonicalRequest = [input.method.toUpperCase(), canonicalUri, '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const canonicalRequestHash = sha256Hex(canonicalRequest);
  const stringToSign = ['SDK-HMAC-SHA256', input.sdkDate, canonicalRequestHash].join('\n');
  const signature = createHmac('sha256', Buffer.from(input.sk, 'utf8')).update(stringToSign, 'utf8').digest('hex');
  const authorization = `SDK-HMAC-SHA256 Access=${input.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { payloadHash, canonicalUri, canonicalHeaders, signedHeaders, canonicalRequest, canonicalRequestHash, stringToSign, signature, authorization };
}

/** Throws, naming the first differing value, when our computation disagrees with the official signer's. */
export function assertMatchesOfficial(vector: AkskVector, ours: WorkedExample): void {
  const pairs: Array<[string, string, string]> = [
    ['payloadHash', ours.payloadHash, vector.expected.payloadHash],
    ['canonicalRequest', ours.canonicalRequest, vector.expected.canonicalRequest],
    ['stringToSign', ours.stringToSign, vector.expected.stringToSign],
    ['signature', ours.signature, vector.expected.signature],
    ['authorization', ours.authorization, vector.expected.authorization],
  ];
  for (const [name, got, want] of pairs) {
    if (got !== want) throw new Error(`AK/SK worked example (${vector.id}): ${name} differs from the official signer's\n got: ${JSON.stringify(got)}\nwant: ${JSON.stringify(want)}`);
  }
}

const block = (lang: string, text: string): string => `\`\`\`${lang}\n${text.replace(/\n$/, '')}\n\`\`\``;

/** The Markdown that replaces `<!-- generated:aksk-worked-example -->` in the authentication guide. */
export function renderWorkedExample(vector: AkskVector = loadVector(), text: EditionText['workedExample'] = EDITIONS.en.workedExample): string {
  const ours = computeWorkedExample(vector.input);
  assertMatchesOfficial(vector, ours);
  const { input } = vector;
  const headerLines = Object.entries(input.headers).map(([k, v]) => `${k}: ${v}`);
  return [
    text.inputs(vector.id),
    '',
    block('text', [
      `${input.method} ${input.url}`,
      ...headerLines,
      `X-Sdk-Date: ${input.sdkDate}`,
      '',
      input.body,
      '',
      `AK = ${input.ak}`,
      `SK = ${input.sk}`,
    ].join('\n')),
    '',
    text.step1,
    '',
    block('text', ours.payloadHash),
    '',
    text.step2(ours.canonicalUri),
    '',
    block('text', ours.canonicalRequest),
    '',
    text.step3,
    '',
    block('text', ours.stringToSign),
    '',
    text.step4,
    '',
    block('text', ours.signature),
    '',
    text.step5,
    '',
    block('http', `Authorization: ${ours.authorization}`),
  ].join('\n');
}
