// The `x-unique-keys` rule (tag keys must be unique) as an Ajv keyword whose `code` generator emits the
// check into the compiled validator, so one pass of the validator does all the default profile's work.
// Shared by generate.mjs (standalone code) and bench/bench.mjs (run-time Ajv), so both run the same check.
import codegen from 'ajv/dist/compile/codegen/index.js';

const { _ } = codegen;

export const UNIQUE_KEYS_KEYWORD = 'x-unique-keys';

/**
 * The duplicates in a tag list: undefined when none (no allocation), else a flat [index, key, …] list
 * naming each item whose key an earlier item already has. `objects`: `{key, value}` tags (the key is
 * the own `key` string); otherwise `key.value` strings (the key is the text before the first dot).
 * Items of the other shape are skipped (the schema reports them). Self-contained: generate.mjs inlines
 * its source into the standalone code.
 */
export function __duplicateKeys(list, objects) {
  const keyOf = (item) => {
    if (objects) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
      const key = Object.prototype.hasOwnProperty.call(item, 'key') ? item.key : undefined;
      return typeof key === 'string' ? key : undefined;
    }
    if (typeof item !== 'string') return undefined;
    const dot = item.indexOf('.');
    return dot < 0 ? item : item.slice(0, dot);
  };
  const n = list.length;
  let out;
  if (n <= 24 && !objects) {
    // The common case (a valid body has at most 20 tags): compare prefixes pairwise, allocating nothing.
    for (let i = 1; i < n; i++) {
      const a = list[i];
      if (typeof a !== 'string') continue;
      let ea = a.indexOf('.');
      if (ea < 0) ea = a.length;
      for (let j = 0; j < i; j++) {
        const b = list[j];
        if (typeof b !== 'string') continue;
        let eb = b.indexOf('.');
        if (eb < 0) eb = b.length;
        if (ea !== eb) continue;
        let k = 0;
        while (k < ea && a.charCodeAt(k) === b.charCodeAt(k)) k++;
        if (k === ea) {
          (out ??= []).push(i, keyOf(a));
          break;
        }
      }
    }
    return out;
  }
  if (n <= 24) {
    for (let i = 1; i < n; i++) {
      const ka = keyOf(list[i]);
      if (ka === undefined) continue;
      for (let j = 0; j < i; j++) {
        if (keyOf(list[j]) === ka) {
          (out ??= []).push(i, ka);
          break;
        }
      }
    }
    return out;
  }
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const key = keyOf(list[i]);
    if (key === undefined) continue;
    if (seen.has(key)) (out ??= []).push(i, key);
    seen.add(key);
  }
  return out;
}

/**
 * The keyword definition. `defs` (the derived `$defs`) tells whether a list's items are objects. Each
 * duplicate is one error at the list, with params `{ i, key }` (the item's index and key).
 */
export function uniqueKeysKeyword(defs) {
  return {
    keyword: UNIQUE_KEYS_KEYWORD,
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: ({ params }) => _`"must not repeat tag key " + ${params.key}`,
      params: ({ params }) => _`{ i: ${params.i}, key: ${params.key} }`,
    },
    code(cxt) {
      if (cxt.schema !== true) return;
      const { gen, data, parentSchema } = cxt;
      let items = parentSchema.items;
      const ref = items?.$ref;
      if (typeof ref === 'string' && ref.startsWith('#/$defs/')) items = defs[ref.slice('#/$defs/'.length)];
      const objects = items?.type === 'object';
      const fn = gen.scopeValue('func', { ref: __duplicateKeys, code: _`__duplicateKeys` });
      gen.if(_`${data}.length > 1`, () => {
        const dup = gen.const('dup', _`${fn}(${data}, ${objects})`);
        gen.if(_`${dup} !== undefined`, () => {
          const j = gen.name('j');
          gen.for(_`let ${j} = 0; ${j} < ${dup}.length; ${j} += 2`, () => {
            cxt.error(false, { i: _`${dup}[${j}]`, key: _`${dup}[${j} + 1]` });
          });
        });
      });
    },
  };
}
