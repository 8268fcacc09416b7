// The build-time guards of scripts/: mapping vs enums, derived schema, generated files.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { buildSpecData } from '../scripts/spec-data.mjs';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { rewriteRequestSites } from '../scripts/request-sites.mjs';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { ajvDefs, checkDiscriminator, inlineBranchRefs, rewriteRefs } from '../scripts/spec-schema.mjs';
import { bundle } from './support/bundle.js';

const clone = () => JSON.parse(JSON.stringify(bundle));

describe('discriminator mapping check', () => {
  test('passes on the bundle and reports the default branch', () => {
    const info = checkDiscriminator(rewriteRefs(bundle.components.schemas), 'QuickImportImageRequest');
    expect(info.defaultBranch).toBe('SystemDiskImageRequest');
    expect(Object.keys(info.tags).sort()).toEqual(['BMS', 'DataImage', 'ECS']);
  });

  test('fails the build when a mapping key is not in the branch enum', () => {
    const b = clone();
    b.components.schemas.QuickImportImageRequest.discriminator.mapping.VM = '#/components/schemas/SystemDiskImageRequest';
    expect(() => ajvDefs(b, 'QuickImportImageRequest')).toThrow(/does not equal/);
  });

  test('fails the build when an enum value is missing from the mapping', () => {
    const b = clone();
    delete b.components.schemas.QuickImportImageRequest.discriminator.mapping.BMS;
    expect(() => ajvDefs(b, 'QuickImportImageRequest')).toThrow(/does not equal/);
  });

  test('the derived schema requires the tag and leaves the raw bundle alone', () => {
    const { defs } = ajvDefs(bundle, 'QuickImportImageRequest');
    expect(defs.SystemDiskImageRequest.required).toContain('type');
    expect(defs.SystemDiskImageRequest.properties.type.enum).toEqual(['ECS', 'BMS']);
    expect(defs.QuickImportImageRequest.discriminator).toEqual({ propertyName: 'type' });
    expect(bundle.components.schemas.SystemDiskImageRequest.required).not.toContain('type');
    expect(bundle.components.schemas.SystemImageType.enum).toContain(null);
  });
});

describe('spec data comes from the spec', () => {
  test('codes, rules and limits follow edits to the bundle', () => {
    const b = clone();
    const S = b.components.schemas;
    S.ImageName['x-img-codes'].maxLength = 'IMG.0062';
    S.HwFirmwareType['x-img-codes'].armNeedsUefi = 'IMG.0212';
    S.MinDisk['x-os-minimum'].Windows = 40;
    S.Tags['x-strict'].maxItems = 5;
    const data = buildSpecData(b);
    const system = data.BRANCHES.SystemDiskImageRequest;
    expect(system.tree.p.name.c.maxLength).toBe('IMG.0062');
    expect(system.rules.find((r: { rule: string }) => r.rule === 'armNeedsUefi').code).toBe('IMG.0212');
    expect(system.osMinimum.minimum.Windows).toBe(40);
    expect(system.strict.find((x: { field: string }) => x.field === 'tags').maxItems).toBe(5);
  });

  test('a code without en/zh catalog text, or a rule no field carries, fails the build', () => {
    const noZh = clone();
    delete noZh.components.schemas.ImgErrorCode['x-error-catalog']['IMG.0141'].zh;
    expect(() => buildSpecData(noZh)).toThrow(/IMG\.0141/);
    const orphanRule = clone();
    delete orphanRule.components.schemas.HwFirmwareType['x-img-codes'].armNeedsUefi;
    expect(() => buildSpecData(orphanRule)).toThrow(/armNeedsUefi/);
  });
});

describe('inlining the branches', () => {
  test('replaces every ref inside the branches, leaves the other schemas and the raw defs alone', () => {
    const { defs, info } = ajvDefs(bundle, 'QuickImportImageRequest');
    const inlined = inlineBranchRefs(defs, info.branches);
    for (const branch of info.branches) expect(JSON.stringify(inlined[branch])).not.toContain('$ref');
    expect(inlined.SystemDiskImageRequest.properties.tags.items).toEqual(defs.TagString);
    expect(inlined.Job).toBe(defs.Job);
    expect(defs.SystemDiskImageRequest.properties.tags.$ref).toBe('#/$defs/Tags');
  });

  test('fails on a recursive ref or a ref with sibling keywords', () => {
    const loop = { A: { type: 'object', properties: { a: { $ref: '#/$defs/A' } } } };
    expect(() => inlineBranchRefs(loop, ['A'])).toThrow(/recursive/);
    const sibling = { A: { type: 'object', properties: { b: { $ref: '#/$defs/B', description: 'x' } } }, B: { type: 'string' } };
    expect(() => inlineBranchRefs(sibling, ['A'])).toThrow(/sibling/);
  });
});

describe('rewriting the request validator\'s error literals', () => {
  const union = (body: string) =>
    `function validate1(data, {instancePath=""}={}){let vErrors = null;const tag0 = data.type;if(tag0 === "ECS"){if(!(validate2(data, {instancePath}))){}}` +
    `else {const err2 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0}};}${body}}` +
    'function validate2(data, {instancePath=""}={}){if(data.name === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"}};}' +
    'for(const key0 in data){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0}};}}' +
    'export const validateRequestSchema = validate1;';

  test('turns each literal into a builder call and lists the site', () => {
    const out = rewriteRequestSites(union(''), 'validateRequestSchema', { ECS: 'System' });
    expect(out).toContain('const err0 = __issue(0,instancePath);');
    expect(out).toContain('const err1 = __keyIssue(1,instancePath,key0);');
    expect(out).toContain('[1,"#/required","required",{missingProperty: "name"},""]');
    expect(out).toContain('const err2 = __issue(2,instancePath);');
    expect(out).toContain('[0,"#/discriminator","discriminator",{error: "mapping"},""]');
    expect(out).toContain('[null,"System"]');
  });

  test('fails when a literal has another shape, names body data in fixed params, or a branch has no function', () => {
    const odd = union('const e = {instancePath,schemaPath:"#/x",keyword:"type",params:{type: "object"},extra:1};');
    expect(() => rewriteRequestSites(odd, 'validateRequestSchema', { ECS: 'System' })).toThrow(/rewrote 1 of 2 error literals in validate1/);
    const dynamic = union('const e = {instancePath,schemaPath:"#/x",keyword:"type",params:{type: data0}};');
    expect(() => rewriteRequestSites(dynamic, 'validateRequestSchema', { ECS: 'System' })).toThrow(/use data0/);
    expect(() => rewriteRequestSites(union(''), 'validateRequestSchema', { ECS: 'System', DataImage: 'Data' })).toThrow(/no function checks branch Data/);
  });

  const push = (err: string) => `if(vErrors === null){vErrors = [${err}];}else {vErrors.push(${err});}errors++;`;
  test('a warning site (schema path through allOf) leaves the error list: only its builder call stays', () => {
    const warning = union(`if(x){const err7 = {instancePath,schemaPath:"#/allOf/0/pattern",keyword:"pattern",params:{pattern: "a"}};${push('err7')}}`);
    const out = rewriteRequestSites(warning, 'validateRequestSchema', { ECS: 'System' });
    expect(out).toMatch(/if\(x\)\{__issue\(\d+,instancePath\);\}/);
    expect(out).not.toMatch(/const err7/);
  });

  test('fails when a warning site\'s statement has another shape (it would count as an error)', () => {
    const odd = union(`const err7 = {instancePath,schemaPath:"#/allOf/0/pattern",keyword:"pattern",params:{pattern: "a"}};vErrors.push(err7);`);
    expect(() => rewriteRequestSites(odd, 'validateRequestSchema', { ECS: 'System' })).toThrow(/kept 0 of 1 warning sites out of the error list/);
  });
});

describe('generated files', () => {
  const dir = new URL('../src/generated/', import.meta.url);
  test('each carries the banner', () => {
    for (const f of readdirSync(dir)) expect(readFileSync(new URL(f, dir), 'utf8')).toMatch(/^\/\/ Generated by .* from spec\/dist\/openapi\.json — do not edit/);
  });
  test('the system variant type is optional and nullable, the data variant tag required', () => {
    const types = readFileSync(new URL('schema.d.ts', dir), 'utf8');
    expect(types).toContain('type?: "ECS" | "BMS" | null;');
    expect(types).toContain('type: "DataImage";');
  });
});
