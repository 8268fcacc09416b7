// fromEnv, fromProfileFile and defaultCredentials with a real temporary file and a fake environment; the
// chain's metadata step talks to a loopback server that answers nothing useful, never to 169.254.169.254.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../test/helpers/server.js';
import { CredentialsError } from '../credentials.js';
import { defaultCredentials } from './default.node.js';
import { fromEnv } from './env.node.js';
import { defaultCredentialsFile, fromProfileFile } from './profile.node.js';

let dir: string;
let noMetadata: TestServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-client-profile-'));
  noMetadata = await startServer(() => ({ status: 404, text: 'not an ECS' }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await noMetadata.close();
});

const SK = 'profile-secret-key-0123456789';

describe('fromEnv', () => {
  it('reads the official variable names, lazily', async () => {
    const env: Record<string, string> = {};
    const provider = fromEnv(env);
    Object.assign(env, { HUAWEICLOUD_SDK_AK: 'AKENV', HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'tok', HUAWEICLOUD_SDK_PROJECT_ID: 'pid' });
    expect(await provider()).toEqual({ ak: 'AKENV', sk: SK, securityToken: 'tok', projectId: 'pid' });
  });

  it('says which variable is missing, never the other one\'s value', async () => {
    await expect(async () => fromEnv({})()).rejects.toThrow(/HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set/);
    const error = (await (async () => fromEnv({ HUAWEICLOUD_SDK_SK: SK })())().catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/HUAWEICLOUD_SDK_AK is not set \(HUAWEICLOUD_SDK_SK is\)/);
    expect(error.message).not.toContain(SK);
    const where = 'HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK';
    expect(error.attempts).toEqual([{ source: 'env', where, reason: 'incomplete', detail: 'HUAWEICLOUD_SDK_AK', message: error.message }]);
    expect(JSON.stringify(error.attempts)).not.toContain(SK);
    const none = (await (async () => fromEnv({})())().catch((e: unknown) => e)) as CredentialsError;
    expect(none.attempts).toEqual([{ source: 'env', where, reason: 'not-set', message: none.message }]);
  });
});

describe('fromProfileFile', () => {
  it('reads [basic] (or another section) of the file, when first asked', async () => {
    const file = join(dir, 'credentials');
    const provider = fromProfileFile({ file });
    await writeFile(file, `[basic]\nak = AKFILE\nsk = ${SK}\nproject_id = p-basic\n\n[other]\nak = AKO\nsk = other-sk\nsecurity_token = t\n`);
    await expect(provider()).resolves.toEqual({ ak: 'AKFILE', sk: SK, projectId: 'p-basic' });
    await expect(fromProfileFile({ file, section: 'other' })()).resolves.toEqual({ ak: 'AKO', sk: 'other-sk', securityToken: 't' });
  });

  it('defaults to $HUAWEICLOUD_SDK_CREDENTIALS_FILE, else ~/.huaweicloud/credentials', () => {
    expect(defaultCredentialsFile({ HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/x/creds' })).toBe('/x/creds');
    expect(defaultCredentialsFile({})).toMatch(/\.huaweicloud[/\\]credentials$/);
  });

  it.each([
    ['a missing file', 'missing', undefined, /does not exist/, { reason: 'file-missing' }],
    ['no [basic] section', 'nosection', '[global]\nak = A\nsk = B\n', /no \[basic\] section/, { reason: 'no-section' }],
    ['no sk', 'nosk', `[basic]\nak = A\nsk =\nnonsense line ${SK}\n`, /no sk in the section \(unreadable lines: 4\)/, { reason: 'keys-missing', detail: 'sk', unreadableLines: [4] }],
    ['no ak and sk', 'nokeys', '[basic]\nproject_id = p\n', /no ak and sk in the section$/, { reason: 'keys-missing', detail: 'ak,sk' }],
  ])('%s: an error naming the file and the section, and its attempt', async (_case, name, text, message, attempt) => {
    const file = join(dir, name);
    if (text !== undefined) await writeFile(file, text);
    const error = (await Promise.resolve().then(fromProfileFile({ file })).catch((e: unknown) => e)) as CredentialsError;
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`profile file ${file} [basic]`);
    expect(error.attempts).toEqual([{ source: 'profile', where: `${file} [basic]`, ...attempt, message: error.message }]);
    expect(JSON.stringify(error)).not.toContain(SK);
  });

  it('an unreadable file says why', async () => {
    if (process.getuid?.() === 0) return; // root reads anything; the case cannot be made here
    const file = join(dir, 'locked');
    await writeFile(file, '[basic]\nak = A\nsk = B\n');
    await chmod(file, 0o000);
    await expect(fromProfileFile({ file })()).rejects.toThrow(/cannot be read \(EACCES\)/);
    await expect(fromProfileFile({ file })()).rejects.toMatchObject({ attempts: [{ reason: 'file-unreadable', detail: 'EACCES' }] });
  });
});

describe('defaultCredentials', () => {
  const metadata = () => ({ endpoint: noMetadata.url, timeoutMs: 500 });

  it('takes the environment first', async () => {
    const file = join(dir, 'chain-env');
    await writeFile(file, '[basic]\nak = AKFILE\nsk = file-sk\n');
    const provider = defaultCredentials({ env: { HUAWEICLOUD_SDK_AK: 'AKENV', HUAWEICLOUD_SDK_SK: 'env-sk' }, profile: { file }, metadata: metadata() });
    await expect(provider()).resolves.toMatchObject({ ak: 'AKENV' });
  });

  it('then the profile file, and keeps using the source that worked', async () => {
    const file = join(dir, 'chain-file');
    await writeFile(file, '[basic]\nak = AKFILE\nsk = file-sk\n');
    const env: Record<string, string> = {};
    const provider = defaultCredentials({ env, profile: { file }, metadata: metadata() });
    await expect(provider()).resolves.toMatchObject({ ak: 'AKFILE' });
    env.HUAWEICLOUD_SDK_AK = 'AKENV';
    env.HUAWEICLOUD_SDK_SK = 'env-sk';
    await expect(provider()).resolves.toMatchObject({ ak: 'AKFILE' });
  });

  it('reads nothing until asked', async () => {
    const before = noMetadata.requests.length;
    defaultCredentials({ env: {}, profile: { file: join(dir, 'never') }, metadata: metadata() });
    expect(noMetadata.requests.length).toBe(before);
  });

  it('lists every source and why it gave nothing', async () => {
    const file = join(dir, 'absent');
    const error = (await Promise.resolve().then(defaultCredentials({ env: { HUAWEICLOUD_SDK_AK: 'AKONLY' }, profile: { file }, metadata: metadata() })).catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    const lines = error.message.split('\n');
    expect(lines[0]).toMatch(/No Huawei Cloud credentials found/);
    expect(lines[1]).toMatch(/environment.*HUAWEICLOUD_SDK_SK is not set/);
    expect(lines[2]).toMatch(new RegExp(`profile file ${file}.*does not exist`));
    expect(lines[3]).toMatch(new RegExp(`ECS metadata ${noMetadata.url}.*answered 404`));
    // The same as data, each line from its attempt, for callers that word it in another language.
    expect(error.attempts?.map((a) => `- ${a.message}`)).toEqual(lines.slice(1));
    expect(error.attempts?.map(({ source, reason, detail }) => ({ source, reason, detail }))).toEqual([
      { source: 'env', reason: 'incomplete', detail: 'HUAWEICLOUD_SDK_SK' },
      { source: 'profile', reason: 'file-missing', detail: undefined },
      { source: 'ecs-metadata', reason: 'refused', detail: '404' },
    ]);
    expect(error.attempts?.map((a) => a.where)).toEqual(['HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK', `${file} [basic]`, noMetadata.url]);
  });

  it('no secret in the attempts: an SK without its AK, a profile file with an SK and no AK', async () => {
    const file = join(dir, 'sk-only');
    await writeFile(file, `[basic]\nsk = ${SK}\n`);
    const error = (await Promise.resolve()
      .then(defaultCredentials({ env: { HUAWEICLOUD_SDK_SK: SK }, profile: { file }, metadata: metadata() }))
      .catch((e: unknown) => e)) as CredentialsError;
    expect(error.attempts?.map((a) => a.reason)).toEqual(['incomplete', 'keys-missing', 'refused']);
    expect(JSON.stringify(error.attempts) + error.message).not.toContain(SK);
  });
});
