// Turns the bundled OpenAPI document into a JSON Schema 2020-12 resource Ajv can compile
// (toolchain.md §6): `#/components/schemas/X` → `#/$defs/X`, the discriminator mapping checked and
// stripped, and the system branch made to require its tag. Shared by generate.mjs and the tests, so
// both compile exactly the same derived schema.

export const RESOURCE_ID = 'urn:ims-quick-import:openapi';
const COMPONENT_REF = '#/components/schemas/';

/** Deep copy with every component ref rewritten to a `$defs` ref inside RESOURCE_ID. */
export function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
      out.$ref = `#/$defs/${value.slice(COMPONENT_REF.length)}`;
    } else {
      out[key] = rewriteRefs(value);
    }
  }
  return out;
}

/**
 * Drops annotations that never affect a verdict (descriptions, titles, examples, the error catalog):
 * Ajv's standalone code embeds the schema objects it references, so they would only bloat dist.
 */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'example', 'x-error-catalog', 'externalDocs', 'x-source']);
export function stripAnnotations(node, inNames = false) {
  if (Array.isArray(node)) return node.map((n) => stripAnnotations(n));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inNames && ANNOTATIONS.has(key)) continue;
    if (!inNames && (key === 'enum' || key === 'const' || key === 'default')) out[key] = value;
    else out[key] = stripAnnotations(value, !inNames && (key === 'properties' || key === '$defs' || key === 'dependentSchemas'));
  }
  return out;
}

/** Every keyword starting with `x-` plus the OpenAPI-only ones, so strict mode accepts them. */
export function extensionKeywords(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) extensionKeywords(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-') || key === 'example' || key === 'xml' || key === 'externalDocs') found.add(key);
      // `properties`, `$defs` etc. hold names, not keywords; recurse into their values only.
      if (key === 'properties' || key === '$defs' || key === 'dependentSchemas' || key === 'patternProperties') {
        for (const sub of Object.values(value)) extensionKeywords(sub, found);
      } else if (!key.startsWith('x-') && key !== 'examples' && key !== 'example' && key !== 'enum' && key !== 'const' && key !== 'default') {
        extensionKeywords(value, found);
      }
    }
  }
  return found;
}

export function targetName(ref) {
  const m = /^#\/(?:components\/schemas|\$defs)\/(.+)$/.exec(ref);
  if (!m) throw new Error(`unsupported $ref ${ref}`);
  return m[1];
}

/** Non-null values of a branch's `type` enum, following one $ref. */
export function tagValues(defs, branchName, propertyName) {
  const prop = defs[branchName]?.properties?.[propertyName];
  if (!prop) throw new Error(`${branchName} has no property ${propertyName}`);
  const schema = prop.$ref ? defs[targetName(prop.$ref)] : prop;
  const values = schema.const !== undefined ? [schema.const] : schema.enum;
  if (!Array.isArray(values)) throw new Error(`${branchName}.${propertyName} has neither enum nor const`);
  return values.filter((v) => v !== null);
}

/**
 * Check the discriminator mapping against the branch enums and return what the validators need:
 * the union name, tag property, the tag→branch table and the default branch. Throws (fails the build)
 * on any disagreement (docs/decisions/0001).
 */
export function checkDiscriminator(defs, unionName) {
  const union = defs[unionName];
  const disc = union?.discriminator;
  if (!disc?.propertyName || !disc.mapping) throw new Error(`${unionName} needs a discriminator with a mapping`);
  const branches = union.oneOf.map((b) => targetName(b.$ref));
  const fromEnums = {};
  for (const branch of branches) {
    for (const value of tagValues(defs, branch, disc.propertyName)) {
      if (value in fromEnums) throw new Error(`tag value ${value} appears in two branches`);
      fromEnums[value] = branch;
    }
  }
  const fromMapping = Object.fromEntries(Object.entries(disc.mapping).map(([k, v]) => [k, targetName(v)]));
  const a = JSON.stringify(Object.entries(fromEnums).sort());
  const b = JSON.stringify(Object.entries(fromMapping).sort());
  if (a !== b) throw new Error(`discriminator mapping ${b} does not equal the branch enums ${a}`);
  const defaultBranch = disc['x-defaultMapping'];
  if (defaultBranch !== undefined && !branches.includes(defaultBranch)) {
    throw new Error(`x-defaultMapping ${defaultBranch} is not a branch of ${unionName}`);
  }
  return { unionName, propertyName: disc.propertyName, tags: fromMapping, branches, defaultBranch };
}

/**
 * The `$defs` Ajv compiles: the union gets `type: object` and loses the mapping, and each branch's
 * tag property is inlined without `null` and made required — what Ajv's discriminator demands.
 * The validator hands Ajv a view whose missing/null tag is the default, so verdicts equal plain
 * `oneOf` over the original schema (proven by a property test).
 */
export function ajvDefs(bundle, unionName) {
  const defs = warningsAsAllOf(stripAnnotations(rewriteRefs(bundle.components.schemas), true));
  const info = checkDiscriminator(defs, unionName);
  const union = defs[unionName];
  union.type = 'object';
  union.discriminator = { propertyName: info.propertyName };
  for (const branch of info.branches) {
    const schema = (defs[branch] = { ...defs[branch] });
    const prop = schema.properties[info.propertyName];
    const target = prop.$ref ? defs[targetName(prop.$ref)] : prop;
    const values = tagValues(defs, branch, info.propertyName);
    const inlined = { ...target, type: 'string', enum: values };
    delete inlined.default;
    schema.properties = { ...schema.properties, [info.propertyName]: inlined };
    if (!schema.required.includes(info.propertyName)) schema.required = [...schema.required, info.propertyName];
  }
  // strictTypes wants a type next to object keywords in rule subschemas (`not`, `if`/`then`).
  for (const schema of Object.values(defs)) addObjectTypes(schema);
  return { defs, info };
}

/** The schema-path segment every warning-only rule's errors carry (and no other error does). */
export const WARNING_SEGMENT = '/allOf/';

/**
 * `x-warnings` (rules no official source states) → `allOf` entries, so the compiled code checks them in
 * the same pass as everything else, and every error they raise has `/allOf/` in its schema path: that is
 * how the validators tell a warning from an error. JSON Schema tools never see them (an `x-` keyword).
 * An entry with `additionalProperties: false` is given its schema's property names, so it means "no
 * property but these" as it would next to them. The request schemas may not use `allOf` themselves.
 */
export function warningsAsAllOf(defs) {
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    // Only warnings may make an allOf: a schema's own allOf would pass its errors off as warnings.
    if (node.allOf) throw new Error('the request schemas may not use allOf (x-warnings become allOf)');
    for (const [key, value] of Object.entries(node)) if (key !== 'enum' && key !== 'const' && key !== 'default') visit(value);
    const warnings = node['x-warnings'];
    if (warnings === undefined) return;
    if (!Array.isArray(warnings) || warnings.length === 0) throw new Error('x-warnings must be a non-empty list of schemas');
    node.allOf = warnings.map((w) => {
      // The parent's type applies here too (Ajv's strictTypes sees it); marked so addObjectTypes
      // does not add a second, redundant type check.
      const entry = { ...w, [INHERITS_TYPE]: true };
      if (w.additionalProperties !== false) return entry;
      const known = Object.fromEntries(Object.keys(node.properties ?? {}).map((k) => [k, true]));
      return { ...entry, properties: { ...known, ...w.properties } };
    });
    delete node['x-warnings'];
  };
  visit(defs);
  return defs;
}

const INHERITS_TYPE = Symbol('inherits its parent type');

function addObjectTypes(schema) {
  if (schema === null || typeof schema !== 'object') return;
  const objectish = schema.properties || schema.required || schema.dependentSchemas;
  if (objectish && schema.type === undefined && !schema.$ref && !schema[INHERITS_TYPE]) schema.type = 'object';
  for (const key of ['not', 'if', 'then', 'else', 'items']) if (schema[key]) addObjectTypes(schema[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const s of schema[key] ?? []) addObjectTypes(s);
  for (const key of ['properties', 'dependentSchemas']) for (const s of Object.values(schema[key] ?? {})) addObjectTypes(s);
}

/**
 * The `$defs` generate.mjs compiles: in each branch of the union, every `$ref` replaced by its target
 * (the derived schemas have no siblings next to a `$ref`, which is checked). Ajv then compiles each
 * branch into one function: the tag lists are checked inline instead of through functions shared by
 * both branches (no call, no options object, no error concatenation per body), and every error site
 * of a request lies in exactly one branch. Verdicts are unchanged (the 5 000-body test compares them
 * with plain `oneOf` over the raw bundle). The other schemas keep their refs.
 */
export function inlineBranchRefs(defs, branches) {
  const expand = (node, trail) => {
    if (Array.isArray(node)) return node.map((n) => expand(n, trail));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      if (Object.keys(node).length !== 1) throw new Error(`cannot inline ${node.$ref}: it has sibling keywords`);
      const name = targetName(node.$ref);
      if (trail.includes(name)) throw new Error(`cannot inline recursive ${[...trail, name].join(' → ')}`);
      if (!defs[name]) throw new Error(`unknown $ref ${node.$ref}`);
      return expand(defs[name], [...trail, name]);
    }
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      // enum/const/default hold data, not schemas: a `$ref` key there is a value, not a reference.
      out[key] = key === 'enum' || key === 'const' || key === 'default' ? value : expand(value, trail);
    }
    return out;
  };
  const out = { ...defs };
  for (const name of branches) out[name] = expand(defs[name], [name]);
  return out;
}
