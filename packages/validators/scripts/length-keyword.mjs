// `maxLength` / `minLength` with the same meaning as Ajv's (length in Unicode code points, a surrogate
// pair counting once) but without counting when the UTF-16 length already decides: a string of n code
// units has between ceil(n/2) and n code points. Ajv's own keyword counts every string on every call,
// which was the largest single cost of validating a valid body. Errors keep Ajv's shape ({ limit }).
import codegen from 'ajv/dist/compile/codegen/index.js';
import { usePattern } from 'ajv/dist/vocabularies/code.js';

const { _, str } = codegen;

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

/**
 * `pattern` as Ajv compiles it (a `u` RegExp, error params { pattern }), except for a pattern of the form
 * `^.*\.(?:a|b)$` — "ends in .a or .b" — which becomes two endsWith calls and a line-terminator check
 * (`.` matches anything but \n, \r, \u2028 and \u2029): the same verdict without running a backtracking
 * RegExp over the whole string. The object-name warning on image_url has this form.
 */
export function useFastSuffixPatterns(ajv) {
  ajv.removeKeyword('pattern');
  ajv.addKeyword({
    keyword: 'pattern',
    type: 'string',
    schemaType: 'string',
    error: { message: ({ schema }) => str`must match pattern "${schema}"`, params: ({ schema }) => _`{pattern: ${schema}}` },
    code(cxt) {
      const { data, schema } = cxt;
      const suffixes = suffixAlternatives(schema);
      if (suffixes === undefined) {
        cxt.fail(_`!${usePattern(cxt, schema)}.test(${data})`);
        return;
      }
      const endsWith = suffixes.map((s) => _`${data}.endsWith(${s})`).reduce((a, b) => _`${a} || ${b}`);
      // indexOf is a memchr-like scan: cheaper than even a one-class RegExp on short strings.
      const terminator = LINE_TERMINATORS.map((c) => _`${data}.indexOf(${c}) >= 0`).reduce((a, b) => _`${a} || ${b}`);
      cxt.fail(_`!(${endsWith}) || ${terminator}`);
    },
  });
}

/** What `.` does not match (ECMAScript LineTerminator). */
const LINE_TERMINATORS = ['\n', '\r', '\u2028', '\u2029'];

/** [".zvhd2", ".raw"] for `^.*\.(?:zvhd2|raw)$`; undefined for any other pattern. */
export function suffixAlternatives(pattern) {
  const m = /^\^\.\*\\\.\(\?:([a-z0-9]+(?:\|[a-z0-9]+)*)\)\$$/.exec(pattern);
  return m ? m[1].split('|').map((s) => `.${s}`) : undefined;
}
