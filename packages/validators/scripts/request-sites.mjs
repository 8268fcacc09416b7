// Turns the request validator's error literals into calls that build the validators' own issues.
//
// Ajv's code creates an error object per failure (instancePath, schemaPath, keyword, params); the
// validators used to map each into an issue afterwards, which cost more than validating. Here every
// literal inside the request functions (the union and its branch functions) becomes a call such as
// `__issue(7, instancePath+"/name")`, and REQUEST_SITES[7] records what Ajv would have said there
// (branch, schema path, keyword, params, a representative instance path). src/request-issues.ts
// resolves each site once, through the same mapping as before (src/ajv-issues.ts), and from then on
// builds the final { path, code, rule, message } directly. Response validators keep Ajv's errors.

import { WARNING_SEGMENT } from './spec-schema.mjs';

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
/** One Ajv error literal, as the standalone code writes it (code.optimize on, messages off). */
const LITERAL = new RegExp(
  String.raw`\{instancePath(?::((?:[^,"{}]|${STRING})+))?,schemaPath:(${STRING}),keyword:"([^"]+)",params:(\{(?:[^{}"]|${STRING})*\})\}`,
  'g',
);

/** [start, end) of every top-level `function validateN(…){…}` (Ajv's output never nests them). */
function functionSpans(code) {
  const spans = new Map();
  for (const m of code.matchAll(/function (validate\d+)\(/g)) {
    // Skip the parameter list (it destructures `{instancePath="", …}={}`), then match the body's braces.
    let i = m.index;
    for (let parens = 0; i < code.length; i++) {
      const c = code[i];
      if (c === '"') i = skipString(code, i);
      else if (c === '(') parens++;
      else if (c === ')' && --parens === 0) break;
    }
    let depth = 0;
    for (i = code.indexOf('{', i); i < code.length; i++) {
      const c = code[i];
      if (c === '"') i = skipString(code, i);
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    spans.set(m[1], [m.index, i + 1]);
  }
  return spans;
}

function skipString(code, i) {
  for (i++; code[i] !== '"'; i++) if (code[i] === '\\') i++;
  return i;
}

/** Evaluates an instancePath expression with the root path "" and every array index 0. */
function templatePath(expr) {
  const names = new Set(expr.replace(new RegExp(STRING, 'g'), '""').match(/[A-Za-z_$][\w$]*/g) ?? []);
  const indices = [...names].filter((n) => /^i\d+$/.test(n));
  for (const n of names) if (n !== 'instancePath' && !indices.includes(n)) throw new Error(`unexpected ${n} in instancePath ${expr}`);
  return new Function('instancePath', ...indices, `return ${expr};`)('', ...indices.map(() => 0));
}

/**
 * A warning site (its schema path crosses WARNING_SEGMENT: an `x-warnings` rule) must not count as an
 * error: its statement `const errN = __issue(…);if(vErrors === null){…}else {vErrors.push(errN);}errors++;`
 * becomes the bare builder call, which records the issue as a warning (src/request-issues.ts). So the
 * compiled validator returns true for a body that breaks only warning rules, and its error list holds
 * errors only. (Warning rules sit in `allOf` and `dependentSchemas/then`, whose errors Ajv never discards.)
 */
let warningStatements = 0;
const STATEMENT = /const (err\d+) = ((?:__issue|__keyIssue)\((\d+),[^;]*?\));if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}errors\+\+;/g;
function keepWarningsOut(code, firstId, endId) {
  return code.replace(STATEMENT, (statement, _err, call, id) => {
    const n = Number(id);
    if (n < firstId || n >= endId || !siteRows[n].includes(WARNING_SEGMENT)) return statement;
    warningStatements++;
    return `${call};`;
  });
}
let siteRows = [];

/** Params Ajv computes from the body; the site keeps only what is fixed (the rest is passed per call). */
const VARYING = {
  additionalProperties: { pattern: /^\{additionalProperty: ([\w$]+)\}$/, params: () => '{}' },
  'x-unique-keys': { pattern: /^\{ i: ([^,]+), key: ([^,]+) \}$/, params: () => '{}' },
  discriminator: { pattern: /^\{error: ("\w+"), tag: "[^"]*", tagValue: [\w$]+\}$/, params: (m) => `{error: ${m[1]}}` },
};

/** Static params may only name the schema constants of the module (e.g. `schema41.type`). */
function checkStatic(params, where) {
  const bare = params.replace(new RegExp(STRING, 'g'), '""').replace(/[\w$]+\s*:/g, '').replace(/\.[\w$]+/g, '');
  for (const name of bare.match(/[A-Za-z_$][\w$]*/g) ?? []) {
    if (!/^schema\d+$/.test(name) && !['true', 'false', 'null'].includes(name)) throw new Error(`params at ${where} use ${name}`);
  }
}

/**
 * Rewrites `code` and returns it with REQUEST_SITES and connectIssueBuilders() appended. `entry` is
 * the exported name of the request validator, `tags` the discriminator's tag → branch table.
 */
export function rewriteRequestSites(code, entry, tags) {
  const union = new RegExp(`export const ${entry} = (validate\\d+);`).exec(code)?.[1];
  if (!union) throw new Error(`no ${entry} in the generated code`);
  const spans = functionSpans(code);
  const unionCode = code.slice(...spans.get(union));
  // Which function checks which branch: `if(tag0 === "ECS"){if(!(validate22(data, …`.
  const branchOf = new Map([[union, null]]);
  for (const m of unionCode.matchAll(/=== ("[^"]+")\)\{if\(!\((validate\d+)\(/g)) {
    const branch = tags[JSON.parse(m[1])];
    if (!branch || (branchOf.has(m[2]) && branchOf.get(m[2]) !== branch)) throw new Error(`cannot tell the branch of ${m[2]}`);
    branchOf.set(m[2], branch);
  }
  const found = new Set(branchOf.values());
  for (const branch of Object.values(tags)) if (!found.has(branch)) throw new Error(`no function checks branch ${branch}`);

  const sites = (siteRows = []);
  warningStatements = 0;
  const branches = [null, ...new Set(Object.values(tags))];
  const ordered = [...branchOf.keys()].map((fn) => [fn, ...spans.get(fn)]).sort((a, b) => b[1] - a[1]);
  for (const [fn, start, end] of ordered) {
    const body = code.slice(start, end);
    const expected = body.match(/schemaPath:/g)?.length ?? 0;
    const firstId = sites.length;
    let rewritten = 0;
    const out = body.replace(LITERAL, (_, pathExpr = 'instancePath', schemaPath, keyword, params) => {
      const id = sites.length;
      rewritten++;
      const varying = VARYING[keyword];
      const m = varying ? varying.pattern.exec(params) : null;
      if (varying && !m) throw new Error(`unexpected ${keyword} params ${params}`);
      if (!varying) checkStatic(params, `${fn} ${schemaPath}`);
      const template = templatePath(pathExpr);
      const branch = branchOf.get(fn);
      // Compact rows (expanded into RequestSite objects when the module loads): ~100 sites, in dist.
      sites.push(`[${branches.indexOf(branch)},${schemaPath},${JSON.stringify(keyword)},${varying ? varying.params(m) : params},${JSON.stringify(template)}]`);
      if (keyword === 'additionalProperties') return `__keyIssue(${id},${pathExpr},${m[1]})`;
      if (keyword === 'x-unique-keys') return `__duplicateIssue(${id},${pathExpr},${m[1]},${m[2]})`;
      return `__issue(${id},${pathExpr})`;
    });
    if (rewritten !== expected || rewritten === 0) throw new Error(`rewrote ${rewritten} of ${expected} error literals in ${fn}; Ajv's output changed`);
    code = code.slice(0, start) + keepWarningsOut(out, firstId, sites.length) + code.slice(end);
  }
  // Sites were numbered from the last function backwards; the table lists them by number.
  const warningSites = sites.filter((row) => row.includes(WARNING_SEGMENT)).length;
  if (warningStatements !== warningSites) throw new Error(`kept ${warningStatements} of ${warningSites} warning sites out of the error list; Ajv's output changed`);
  return `let __issue, __keyIssue, __duplicateIssue;
${code}
/** What each error site of the request validator means (scripts/request-sites.mjs). */
export const REQUEST_SITES = [
${sites.join(',\n')}
].map(([branch, schemaPath, keyword, params, template]) => ({ branch: ${JSON.stringify(branches)}[branch], schemaPath, keyword, params, template }));
/** Connects the request validator to the functions that build its issues (src/request-issues.ts). */
export function connectIssueBuilders(builders) {
  __issue = builders.issue;
  __keyIssue = builders.keyIssue;
  __duplicateIssue = builders.duplicateIssue;
}
`;
}
