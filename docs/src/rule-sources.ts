// Renders "rules and their sources" from the spec: every schema that states a constraint, what it states,
// whether breaking it is an error or only a warning, and the official source (`x-source`) it rests on.
// Generated at build time, so the table can never name a rule the spec does not have, or a stale source.
import { cell } from './error-catalog.js';
import { EDITIONS, type Locale } from './i18n/locales.js';
import type { Json, JsonObject, OpenApiDocument } from './openapi-types.js';
import { getPointer } from './spec-source.js';

/** Keywords that reject a value (JSON Schema assertions and the spec's rule extensions). */
const CONSTRAINTS = ['required', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'maxItems', 'not', 'x-unique-keys'];
/** Extensions only the validators' strict profile applies. */
const STRICT_ONLY = ['x-strict', 'x-os-minimum'];

export type Severity = 'error' | 'warning' | 'strict';

export interface RuleSource {
  /** The schema (a name in components.schemas) or parameter that states the rule. */
  where: string;
  /** What it states, e.g. "maxLength 128", "pattern", "required name, image_url". */
  states: string[];
  severity: Severity;
  sources: string[];
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function sourcesOf(node: JsonObject, where: string): string[] {
  const raw = node['x-source'];
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  if (list.length === 0) throw new Error(`${where} states a rule but has no x-source`);
  return list;
}

/** The constraints a schema states itself (not those of the schemas it references). */
function statesOf(schema: JsonObject): string[] {
  const out: string[] = [];
  for (const key of CONSTRAINTS) {
    const v = schema[key];
    if (v === undefined || v === false) continue;
    if (key === 'required' && Array.isArray(v)) out.push(`required ${v.join(', ')}`);
    else if (key === 'enum' && Array.isArray(v)) out.push(`enum ${v.map((x) => JSON.stringify(x)).join(', ')}`);
    else if (typeof v === 'number' || typeof v === 'string') out.push(key === 'pattern' ? 'pattern' : `${key} ${v}`);
    else out.push(key === 'not' ? 'not (exclusive fields)' : key);
  }
  for (const [name, prop] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
    if (isObject(prop) && !('$ref' in prop)) for (const s of statesOf(prop)) out.push(`${name}: ${s}`);
  }
  return out;
}

/** Every rule of the document with its severity and sources; throws if one lacks `x-source`. */
export function readRuleSources(doc: OpenApiDocument): RuleSource[] {
  const rules: RuleSource[] = [];
  const schemas = getPointer(doc, '#/components/schemas') as Record<string, JsonObject>;
  for (const [name, schema] of Object.entries(schemas)) {
    const states = statesOf(schema);
    if (states.length > 0) rules.push({ where: name, states, severity: 'error', sources: sourcesOf(schema, name) });
    for (const key of STRICT_ONLY) {
      if (schema[key] !== undefined) rules.push({ where: name, states: [key], severity: 'strict', sources: sourcesOf(schema, name) });
    }
    const warnings = Array.isArray(schema['x-warnings']) ? schema['x-warnings'].filter(isObject) : [];
    for (const w of warnings) {
      const rule = Object.keys(w).filter((k) => !k.startsWith('x-') && k !== 'description');
      rules.push({ where: name, states: rule.map((k) => (k === 'dependentSchemas' && isObject(w[k]) ? `${k}: ${Object.values(w[k]).filter(isObject).map((d) => d['x-rule']).join(', ')}` : k)), severity: 'warning', sources: sourcesOf(w, `${name} x-warnings`) });
    }
  }
  const parameters = (getPointer(doc, '#/components/parameters') ?? {}) as Record<string, JsonObject>;
  for (const [name, parameter] of Object.entries(parameters)) {
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    const items = isObject(schema.items) ? statesOf(schema.items) : [];
    const states = [...statesOf(schema), ...items];
    if (states.length > 0) rules.push({ where: `parameter ${String(parameter.name)}`, states, severity: 'error', sources: sourcesOf(parameter, name) });
  }
  return rules;
}

/** The Markdown that replaces `<!-- generated:rule-sources -->` in the differences guide. */
export function renderRuleSources(doc: OpenApiDocument, locale: Locale = 'en'): string {
  const text = EDITIONS[locale].ruleSources;
  const rules = readRuleSources(doc);
  const rows = rules.map((r) => `| \`${r.where}\` | ${r.states.map(cell).join('<br>')} | ${text.severity[r.severity]} | ${r.sources.map(cell).join('<br>')} |`);
  const warnings = rules.filter((r) => r.severity === 'warning').length;
  return [text.summary(rules.length, warnings), text.legend, '', text.header, '|---|---|---|---|', ...rows].join('\n');
}
