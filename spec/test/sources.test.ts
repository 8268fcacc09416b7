// Facts the official sources state and an earlier version of this spec got wrong (issue 13, "Wrong
// today"). Each test reads the bundle; the sources are named in the spec's `x-source` next to each fact.
import { describe, expect, it } from 'vitest';
import { bundle, deref, schemas, type Json, type JsonObject } from './bundle.js';

const components = bundle.components as Record<string, Record<string, JsonObject>>;
type CatalogEntry = { status: number | number[]; message: string; zh: string; hint: string; zhHint: string; 'x-source': unknown };
const imgCatalog = schemas.ImgErrorCode!['x-error-catalog'] as unknown as Record<string, CatalogEntry>;
const apigwCatalog = schemas.ApigwErrorCode!['x-error-catalog'] as unknown as Record<string, CatalogEntry>;

describe('1. ListOsVersions tag', () => {
  const tag = components.parameters!.OsVersionTag!;
  it('accepts bms, uefi, arm and x86, repeated (?tag=arm&tag=uefi)', () => {
    expect(tag.style).toBe('form');
    expect(tag.explode).toBe(true);
    const schema = tag.schema as JsonObject;
    expect(schema.type).toBe('array');
    expect((schema.items as JsonObject).enum).toEqual(['bms', 'uefi', 'arm', 'x86']);
  });
  it('says what happens to the page example\'s kvm', () => {
    expect(String(tag.description)).toMatch(/kvm.*not documented/s);
  });
});

describe('2. OsVersionInfo', () => {
  const info = schemas.OsVersionInfo!;
  it('requires all five fields, as the SDK model does', () => {
    expect([...(info.required as string[])].sort()).toEqual(['os_bit', 'os_type', 'os_version', 'os_version_key', 'platform']);
  });
  it('describes os_version_key as the same value as os_version, and the example agrees', () => {
    const key = (info.properties as JsonObject).os_version_key as JsonObject;
    expect(String(key.description)).toMatch(/same value as `os_version`/);
    const groups = (components.examples!.OsVersions!.value as unknown as { version_list: JsonObject[] }[]);
    const versions = groups.flatMap((g) => g.version_list);
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) expect(v.os_version_key).toBe(v.os_version);
  });
});

it('3. ShowJob is not said to lack progress fields; its entities have them', () => {
  const showJob = bundle.paths['/v1/{project_id}/jobs/{job_id}']!.get!;
  expect(String(showJob.description)).not.toMatch(/no progress/i);
  expect(String(showJob.description)).toMatch(/current_task.*process_percent/s);
  expect(Object.keys(schemas.JobEntities!.properties as JsonObject)).toEqual(expect.arrayContaining(['current_task', 'process_percent']));
});

describe('4. APIGW.0303 is APP authentication; a bad IAM token is APIGW.0301', () => {
  it('catalog', () => {
    expect(apigwCatalog['APIGW.0303']!.message).toBe('Incorrect app authentication information.');
    expect(apigwCatalog['APIGW.0303']!.hint).not.toMatch(/token is invalid|new IAM token/i);
    expect(apigwCatalog['APIGW.0301']!.hint).toMatch(/token/);
  });
  it('no example answers APIGW.0303', () => {
    const codes = Object.values(components.examples!).map((e) => (e.value as JsonObject | undefined)?.error_code);
    expect(codes).not.toContain('APIGW.0303');
    expect(components.examples!.GatewayToken!.value).toMatchObject({ error_code: 'APIGW.0301' });
  });
});

it('5. 500 and 503 carry no IMG.0061 (a 400 code); every error example\'s code has the status it is shown under', () => {
  for (const name of ['InternalServerError', 'ServiceUnavailable']) {
    expect(JSON.stringify(components.responses![name]!.content ?? {})).not.toContain('IMG.0061');
  }
  expect(imgCatalog['IMG.0061']!.status).toBe(400);
  const mismatches: string[] = [];
  for (const [path, item] of Object.entries(bundle.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, ref] of Object.entries(op.responses as Record<string, JsonObject>)) {
        if (status.startsWith('2')) continue; // a failed job's error_code is data, not this answer's error
        const examples = (((deref(ref).content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.examples ?? {}) as Record<string, JsonObject>;
        for (const [name, example] of Object.entries(examples)) {
          const value = deref(example).value as JsonObject;
          const code = (value.error as JsonObject | undefined)?.code ?? value.error_code;
          if (typeof code !== 'string') continue;
          const entry = imgCatalog[code] ?? apigwCatalog[code];
          const statuses = ([] as number[]).concat(entry?.status ?? []);
          if (!statuses.includes(Number(status))) mismatches.push(`${method} ${path} ${status} ${name}: ${code}`);
        }
      }
    }
  }
  expect(mismatches).toEqual([]);
});

it('6. APIGW.0201 on a 413 says "Request entity too large."', () => {
  expect(apigwCatalog['APIGW.0201']!.message).toBe('Request entity too large.');
  expect(components.examples!.GatewayTooLarge!.value).toMatchObject({ error_code: 'APIGW.0201', error_msg: 'Request entity too large.' });
});

describe('7. catalog messages are the sources\' texts', () => {
  // From OTC api-ref/source/error_codes.rst (Message column), image-management-service 7f136da4.
  const OTC: Record<string, string> = {
    'IMG.0004': 'The description contains more than 1024 characters.',
    'IMG.0015': 'The number of private images has reached the maximum allowed.',
    'IMG.0026': 'The role is invalid. You need to apply for the required permissions or pass the real-name authentication.',
    'IMG.0030': 'The project ID and token in the request are invalid.',
    'IMG.0057': 'The image file is empty, not found, or in incorrect format, or you do not have enough permission to access the file.',
    'IMG.0058': 'The region of the bucket where the image file is stored is inconsistent with that of the user.',
    'IMG.0060': 'The number of tasks exceeds the flow control limit.',
    'IMG.0068': 'The specified bucket name is empty.',
    'IMG.0069': 'The specified bucket cannot be accessed.',
    'IMG.0123': 'The image file address in the request is duplicate.',
    'IMG.0141': 'The value of hw_firmware_type is not uefi or bios.',
    'IMG.0154': 'Failed to communicate with Enterprise Project Management Service (EPS).',
    'IMG.0155': 'Failed to check the enterprise project ID validity.',
    'IMG.0156': 'Failed to associate the image with the enterprise project ID.',
    'IMG.0194': 'The maximum number of images that can be imported at one time has been reached.',
    'IMG.0212': 'The value of Architecture must be x86 or Arm.',
    'IMG.0238': 'Not real-name authentication.',
    'IMG.0239': 'Insufficient balance.',
    'IMG.0241': 'Incomplete payment information.',
    'IMG.0242': 'Insufficient budget of enterprise department.',
  };
  it.each(Object.entries(OTC))('%s', (code, text) => expect(imgCatalog[code]!.message).toBe(text));

  it('Chinese texts come from Huawei\'s page where it was reachable, and say so where they are ours', () => {
    expect(imgCatalog['IMG.0004']!.zh).toBe('镜像描述长度超过1024 字符。');
    expect(imgCatalog['IMG.0007']!.zh).toBe('空消息体。');
    for (const [code, entry] of Object.entries(imgCatalog)) {
      const source = (entry['x-source'] as Record<string, string>).zh;
      expect(source, code).toMatch(/^(HW-CN api page ims_03_0908|ours — )/);
    }
  });

  it('every entry keeps our advice apart from the service\'s text', () => {
    for (const [code, entry] of Object.entries({ ...imgCatalog, ...apigwCatalog })) {
      expect(entry.hint, code).toBeTruthy();
      expect(entry.zhHint, code).toBeTruthy();
      expect(entry.hint, code).not.toBe(entry.message);
    }
  });
});

it('8. the seed copy\'s errors are attributed to that copy, not to Huawei\'s current page', () => {
  const texts = JSON.stringify(bundle);
  expect(texts).not.toMatch(/seed page's/);
  expect(String(schemas.ImsError!.description)).toMatch(/copy of the\s+Chinese page this project started from/);
  expect(String(schemas.OsVersion!.description)).toMatch(/copy of the Chinese page this project started from/);
  expect(String(schemas.OsVersion!.description)).toMatch(/current page has no leading space/);
  const visit = (node: Json): string[] =>
    Array.isArray(node) ? node.flatMap(visit) : node && typeof node === 'object' ? Object.values(node).flatMap(visit) : typeof node === 'string' ? [node] : [];
  // No description blames "the Chinese API page" itself for the copy's /v1, IMS., leading space or qcow2.
  const blaming = visit(bundle as unknown as Json).filter((s) => /Chinese API page's/.test(s));
  expect(blaming).toEqual([]);
});
