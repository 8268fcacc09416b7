// Extracts, from the bundle, every fact the hand-written validator code uses: which IMG code goes with
// which field and keyword (`x-img-codes`), the rule subschemas (`x-rule`), unique-key arrays
// (`x-unique-keys`), the strict profile (`x-strict`, `x-os-minimum`) and the error catalog.
import { checkDiscriminator, targetName, WARNING_SEGMENT } from './spec-schema.mjs';

export function buildSpecData(bundle, info = checkDiscriminator(bundle.components.schemas, 'QuickImportImageRequest')) {
  const schemas = bundle.components.schemas;
  const deref = (s) => (s?.$ref ? schemas[targetName(s.$ref)] : s);
  const catalog = schemas.ImgErrorCode?.['x-error-catalog'];
  if (!catalog) throw new Error('ImgErrorCode has no x-error-catalog');

  /** Code tree: codes per keyword at each schema location the instance can reach. */
  function tree(schema, seen = new Set()) {
    const s = deref(schema);
    if (!s || seen.has(s)) return {};
    const node = {};
    // A property's own x-img-codes win over its $ref target's; both are merged.
    const codes = { ...(deref(schema) === schema ? {} : s['x-img-codes']), ...schema['x-img-codes'] };
    if (Object.keys(codes).length) node.c = codes;
    const next = new Set(seen).add(s);
    if (s.properties) node.p = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, tree(v, next)]));
    if (s.items) node.i = tree(s.items, next);
    return node;
  }

  const branches = {};
  for (const name of info.branches) {
    const schema = schemas[name];
    const t = tree(schema);
    const fields = t.p ?? {};
    const fieldsWith = (rule) => Object.keys(fields).filter((f) => fields[f].c?.[rule]);

    // Rule subschemas carrying x-rule: `not`, `dependentSchemas/<p>`, and the same inside a warning
    // (`x-warnings/<i>`, compiled as `allOf/<i>`: spec-schema.mjs warningsAsAllOf).
    const rules = [];
    const addRule = (path, sub) => {
      const rule = deref(sub)?.['x-rule'];
      if (!rule) return;
      const carriers = fieldsWith(rule);
      if (!carriers.length) throw new Error(`${name}: no field's x-img-codes names rule ${rule}`);
      const field = carriers[carriers.length - 1]; // the field that completes the conflict
      // The fields the rule is about (e.g. both tag fields for `exclusive`), for the message.
      const about = deref(sub).required ?? Object.keys(deref(sub).properties ?? deref(sub).if?.properties ?? {});
      rules.push({ at: path, rule, field, code: fields[field].c[rule], about });
    };
    if (schema.not) addRule('/not', schema.not);
    for (const [p, sub] of Object.entries(schema.dependentSchemas ?? {})) addRule(`/dependentSchemas/${p}`, sub);
    (schema['x-warnings'] ?? []).forEach((w, i) => {
      if (w.not) addRule(`/allOf/${i}/not`, w.not);
      for (const [p, sub] of Object.entries(w.dependentSchemas ?? {})) addRule(`/allOf/${i}/dependentSchemas/${p}`, sub);
    });

    const uniqueKeys = [];
    const strict = [];
    let osMinimum;
    for (const [field, propSchema] of Object.entries(schema.properties)) {
      const s = deref(propSchema);
      const codes = fields[field].c ?? {};
      if (s['x-unique-keys']) uniqueKeys.push({ field, code: need(codes, 'uniqueKeys', field), items: deref(s.items)?.type === 'object' ? 'object' : 'string' });
      if (s['x-strict']) strict.push({ field, ...s['x-strict'], maxItemsCode: need(codes, 'maxItems', field) });
      if (s['x-os-minimum']) osMinimum = { field, minimum: s['x-os-minimum'], code: need(codes, 'osMinimum', field) };
    }
    // Which OS a body is for: a field whose enum lists the x-os-minimum keys (data disk: os_type), or
    // the `windowsOnly` rule's test on another field (system disk: os_version matching ^Windows).
    let os;
    if (osMinimum) {
      const keys = Object.keys(osMinimum.minimum);
      for (const [field, propSchema] of Object.entries(schema.properties)) {
        const s = deref(propSchema);
        if (Array.isArray(s.enum) && keys.every((k) => s.enum.includes(k))) os = { field, default: s.default ?? keys[0] };
      }
      if (!os) {
        const dependents = [schema, ...(schema['x-warnings'] ?? [])].flatMap((s) => Object.values(s.dependentSchemas ?? {}));
        const windowsOnly = dependents.find((d) => d['x-rule'] === 'windowsOnly');
        const [field, test] = Object.entries(windowsOnly?.then?.properties ?? {})[0] ?? [];
        if (!test?.pattern) throw new Error(`${name}: cannot tell the OS of a body for x-os-minimum`);
        os = { field, pattern: test.pattern, match: 'Windows', otherwise: keys.find((k) => k !== 'Windows') };
      }
    }
    branches[name] = { tree: t, rules, uniqueKeys, strict, osMinimum, os };
  }

  const structural = 'IMG.0001';
  const emptyBody = 'IMG.0007';
  const emitted = new Set([structural, emptyBody]);
  const walk = (n) => { for (const c of Object.values(n.c ?? {})) emitted.add(c); for (const s of Object.values(n.p ?? {})) walk(s); if (n.i) walk(n.i); };
  for (const b of Object.values(branches)) walk(b.tree);
  // Every message carries the catalog text and its fix: English `message` + `hint`, Chinese `zh` + `zhHint`.
  for (const code of emitted) {
    for (const key of ['message', 'zh', 'hint', 'zhHint']) if (!catalog[code]?.[key]) throw new Error(`x-error-catalog lacks ${key} for ${code}`);
  }

  return {
    SPEC_VERSION: bundle.info.version,
    IMG_ERROR_CATALOG: catalog,
    DISCRIMINATOR: { propertyName: info.propertyName, tags: info.tags, defaultBranch: info.defaultBranch },
    BRANCHES: branches,
    STRUCTURAL_CODE: structural,
    EMPTY_BODY_CODE: emptyBody,
    EMITTED_CODES: [...emitted].sort(),
    WARNING_SEGMENT,
    REQUEST_KEYWORDS: [...requestKeywords(info.branches.map((b) => schemas[b]), deref)].sort(),
  };
}

function need(codes, key, field) {
  if (!codes[key]) throw new Error(`x-img-codes of ${field} lacks ${key}`);
  return codes[key];
}

/** JSON Schema keywords Ajv can report for the request schemas (so every one has a message). */
function requestKeywords(roots, deref) {
  const ASSERTIONS = new Set(['type', 'enum', 'const', 'required', 'additionalProperties', 'minLength', 'maxLength', 'pattern', 'format',
    'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties']);
  const found = new Set(['type', 'discriminator']);
  const seen = new Set();
  const visit = (schema) => {
    const s = deref(schema);
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    for (const k of Object.keys(s)) if (ASSERTIONS.has(k)) found.add(k);
    for (const k of ['not', 'if', 'then', 'else', 'items']) if (s[k]) visit(s[k]);
    for (const k of ['allOf', 'anyOf', 'oneOf', 'x-warnings']) for (const x of s[k] ?? []) visit(x);
    for (const k of ['properties', 'dependentSchemas']) for (const x of Object.values(s[k] ?? {})) visit(x);
  };
  roots.forEach(visit);
  return found;
}
