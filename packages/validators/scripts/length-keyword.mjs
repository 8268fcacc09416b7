// `maxLength` / `minLength` with the same meaning as Ajv's (length in Unicode code points, a surrogate
// pair counting once) but without counting when the UTF-16 length already decides: a string of n code
// units has between ceil(n/2) and n code points. Ajv's own keyword counts every string on every call,
// which was the largest single cost of validating a valid body. Errors keep Ajv's shape ({ limit }).
import codegen from 'ajv/dist/compile/codegen/index.js';

const { _ } = codegen;

/** Code points in `str` (an unpaired surrogate counts as one). Self-contained: inlined into dist. */
export function __codePointLength(str) {
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    n++;
    const c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/** Replaces Ajv's length keywords on `ajv`, keeping their place before `pattern` (so issue order holds). */
export function useFastLengthKeywords(ajv) {
  ajv.removeKeyword('maxLength');
  ajv.removeKeyword('minLength');
  ajv.addKeyword({
    keyword: ['maxLength', 'minLength'],
    type: 'string',
    schemaType: 'number',
    before: 'pattern',
    error: { params: ({ schema }) => _`{limit: ${schema}}` },
    code(cxt) {
      const { keyword, data, schema, gen } = cxt;
      if (!Number.isSafeInteger(schema) || schema < 0) throw new Error(`${keyword} must be a non-negative integer`);
      const count = gen.scopeValue('func', { ref: __codePointLength, code: _`__codePointLength` });
      if (keyword === 'maxLength') cxt.fail(_`${data}.length > ${schema} && ${count}(${data}) > ${schema}`);
      else cxt.fail(_`${data}.length < ${2 * schema} && (${data}.length < ${schema} || ${count}(${data}) < ${schema})`);
    },
  });
}
