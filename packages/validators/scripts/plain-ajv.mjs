// Stock Ajv over the derived schema: its own keywords, refs compiled as Ajv resolves them, plus the
// spec's keywords (x-unique-keys with its code, the other x-* as annotations) so it checks exactly the
// rules dist checks. The bench's "Ajv compiled at run time" contender and the tests' reference mapping.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ajvDefs, extensionKeywords, RESOURCE_ID } from './spec-schema.mjs';
import { UNIQUE_KEYS_KEYWORD, uniqueKeysKeyword } from './unique-keys-keyword.mjs';

/** Registers the spec's `x-*` keywords on `ajv` (shared with generate.mjs). */
export function addSpecKeywords(ajv, defs) {
  ajv.addKeyword(uniqueKeysKeyword(defs));
  for (const keyword of extensionKeywords(defs)) {
    if (keyword !== UNIQUE_KEYS_KEYWORD) ajv.addKeyword({ keyword, schemaType: ['string', 'number', 'boolean', 'object', 'array', 'null'] });
  }
}

/** The request validator stock Ajv compiles from `bundle`; `options` go to Ajv (e.g. `messages`). */
export function plainAjvRequestValidator(bundle, options = {}) {
  const { defs } = ajvDefs(bundle, 'QuickImportImageRequest');
  const ajv = new Ajv2020.default({ strict: true, allErrors: true, discriminator: true, ...options });
  addFormats.default(ajv);
  addSpecKeywords(ajv, defs);
  ajv.addSchema({ $id: RESOURCE_ID, $defs: defs });
  return ajv.getSchema(`${RESOURCE_ID}#/$defs/QuickImportImageRequest`);
}
