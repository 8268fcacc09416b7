import { expect, test } from 'vitest';
import { codeFor } from './code-lookup.js';
import { BRANCHES, STRUCTURAL_CODE } from './generated/spec-data.js';

const system = BRANCHES.SystemDiskImageRequest.tree;
const data = BRANCHES.DataDiskImageRequest.tree;

test('a field keyword takes the code from the field schema', () => {
  expect(codeFor(system, '/name', 'maxLength')).toBe('IMG.0002');
  expect(codeFor(system, '/name', 'pattern')).toBe('IMG.0003');
  expect(codeFor(system, '/min_disk', 'minimum')).toBe('IMG.0055');
  expect(codeFor(data, '/os_type', 'enum')).toBe('IMG.0122');
});

test('a nested value falls back to the nearest schema with a code for the keyword', () => {
  expect(codeFor(system, '/image_tags/4/key', 'pattern')).toBe('IMG.0115'); // from ResourceTag
  expect(codeFor(system, '/tags/0', 'maxLength')).toBe('IMG.0115'); // from TagString
  expect(codeFor(system, '/tags', 'maxItems')).toBe('IMG.0116');
});

test('keywords the spec gives no code, and unknown paths, are structural', () => {
  expect(codeFor(system, '/nope', 'additionalProperties')).toBe('IMG.0001');
  expect(codeFor(system, '/name', 'format')).toBe(STRUCTURAL_CODE);
  expect(codeFor(system, '/tags/x', 'type')).toBe('IMG.0115'); // non-index under an array stops at tags
  expect(codeFor(system, '/__proto__', 'type')).toBe('IMG.0001');
  expect(codeFor(system, '/constructor/prototype', 'required')).toBe(STRUCTURAL_CODE);
});
